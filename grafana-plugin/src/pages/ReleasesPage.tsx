import { config, PluginPage } from '@grafana/runtime';
import { Alert, Button, Combobox, Field, Stack, Text } from '@grafana/ui';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { appClient } from '../api/appClient';
import type { ReleaseAction } from '../api/client';
import type { Release } from '@trumpets/protocol/api';
import { formatAgo } from '../components/format';
import { ReasonDialog } from '../components/ReasonDialog';
import { VerdictBadge } from '../components/VerdictBadge';
import { testIds } from '../constants';
import { Loaded } from './Loaded';
import { ReleaseHistory } from './ReleaseHistory';
import { useLoad } from './useLoad';

type Action = ReleaseAction | 'promote';

const ACTIONS: Record<
  ReleaseAction,
  { label: string; title: string; description: string; destructive?: boolean; when: (release: Release) => boolean }
> = {
  advance: {
    label: 'Advance',
    title: 'Advance to the next stage',
    description: 'More traffic moves to this release.',
    when: (release) => release.status === 'rolling_out',
  },
  pause: {
    label: 'Pause',
    title: 'Pause the rollout',
    description: 'The release keeps its share; no stage advances until resumed.',
    when: (release) => release.status === 'rolling_out',
  },
  resume: {
    label: 'Resume',
    title: 'Resume the rollout',
    description: 'Stages advance again once their soak time and sample are reached.',
    when: (release) => release.status === 'paused',
  },
  rollback: {
    label: 'Roll back',
    title: 'Roll back this release',
    description: 'Every request goes back to the previous release at once.',
    destructive: true,
    when: (release) =>
      release.status === 'rolling_out' ||
      release.status === 'paused' ||
      (release.status === 'released' && release.isStable && release.previousReleaseId !== null),
  },
};

/** An agent's releases, newest first, with owner and reason; every action asks why and says what failed (a 403 names the role). */
export default function ReleasesPage() {
  const agents = useLoad(() => appClient.labelValues('agent', {}), 'agents');
  // `?agent=` and `?release=` come from links into the app (a dashboard panel's menu, an alert).
  const [params] = useSearchParams();
  const [chosen, setChosen] = useState(params.get('agent') ?? undefined);
  const agent = chosen ?? agents.value?.values[0]?.value ?? '';
  return (
    <PluginPage>
      <div data-testid={testIds.releases.page}>
        <Loaded load={agents} what="agents">
          {({ values }) =>
            values.length === 0 ? (
              <Text color="secondary">No agent has sent episodes yet: releases appear here once an agent reports to the collector.</Text>
            ) : (
              <>
                <Field label="Agent">
                  <Combobox
                    width={32}
                    options={values.map(({ value }) => ({ value, label: value }))}
                    value={agent}
                    onChange={(option) => setChosen(option.value)}
                  />
                </Field>
                <AgentReleases agent={agent} initialRelease={params.get('release') ?? undefined} />
              </>
            )
          }
        </Loaded>
      </div>
    </PluginPage>
  );
}

function AgentReleases({ agent, initialRelease }: { agent: string; initialRelease?: string }) {
  const [pending, setPending] = useState<{ release?: Release; action: Action }>();
  const [selected, setSelected] = useState(initialRelease);
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  const list = useLoad(() => appClient.releases({ agent }), `${agent}/${round}`);
  const validated = useLoad(async () => (await appClient.proposals({ agent, state: 'validated' })).proposals, `${agent}/${round}`);

  const act = async (reason: string) => {
    if (!pending) return;
    setError(undefined);
    try {
      if (pending.action === 'promote') {
        const proposal = validated.value?.[0];
        if (proposal) await appClient.promote({ agent, proposalId: proposal.id, owner: config.bootData?.user?.login || 'grafana', reason });
      } else if (pending.release) await appClient.releaseAction(pending.release.id, pending.action, reason);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
    setPending(undefined);
    setRound((value) => value + 1);
  };

  const dialog =
    pending &&
    (pending.action === 'promote'
      ? {
          title: `Promote proposal ${validated.value?.[0]?.id}`,
          description: 'It becomes a release, rolled out in stages from the first one.',
          confirmText: 'Promote',
        }
      : {
          ...ACTIONS[pending.action],
          title: `${ACTIONS[pending.action].title}: ${pending.release?.id}`,
          confirmText: ACTIONS[pending.action].label,
        });

  return (
    <Stack direction="column" gap={2}>
      {error && (
        <Alert
          data-testid={testIds.releases.error}
          severity="error"
          title="The action was not carried out"
          onRemove={() => setError(undefined)}
        >
          {error}
        </Alert>
      )}
      {validated.value && validated.value.length > 0 && (
        <div>
          <Button data-testid={`${testIds.releases.action}-promote`} icon="rocket" onClick={() => setPending({ action: 'promote' })}>
            Promote {validated.value[0]!.id.slice(0, 8)}
          </Button>
        </div>
      )}
      <Loaded load={list} what="releases">
        {({ releases }) =>
          releases.length === 0 ? (
            <Text color="secondary">No releases of {agent} yet. A proposal whose gate passed becomes a release when promoted.</Text>
          ) : (
            <>
              <table className="filter-table">
                <thead>
                  <tr>
                    <th>Release</th>
                    <th>Status</th>
                    <th>Stage</th>
                    <th>Owner</th>
                    <th>Reason</th>
                    <th>Created</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {releases.map((release) => (
                    <tr
                      key={release.id}
                      data-testid={testIds.releases.row}
                      data-release={release.id}
                      onClick={() => setSelected(release.id)}
                      style={{ cursor: 'pointer' }}
                    >
                      <td>
                        <code>{release.id.slice(0, 8)}</code>
                        <div>
                          <Text color="secondary" variant="bodySmall">
                            config {release.configVersion.slice(0, 12)}
                            {release.decision ? ` · gate ${release.decision.verdict}` : ''}
                            {release.isStable ? ' · serving everyone' : ''}
                          </Text>
                        </div>
                      </td>
                      <td>
                        <VerdictBadge value={release.status.replace('_', ' ')} testId={`${testIds.releases.row}-status`} />
                      </td>
                      <td>{`${release.percent}% (stage ${release.stageIndex + 1} of ${release.stages.length})`}</td>
                      <td>{release.owner}</td>
                      <td>{release.reason}</td>
                      <td>{formatAgo(release.createdAt, Date.now())}</td>
                      <td>
                        <Stack gap={1}>
                          {(Object.keys(ACTIONS) as ReleaseAction[])
                            .filter((action) => ACTIONS[action].when(release))
                            .map((action) => (
                              <Button
                                key={action}
                                size="sm"
                                data-testid={`${testIds.releases.action}-${action}`}
                                variant={ACTIONS[action].destructive ? 'destructive' : 'secondary'}
                                onClick={(event) => {
                                  event.stopPropagation();
                                  setPending({ release, action });
                                }}
                              >
                                {ACTIONS[action].label}
                              </Button>
                            ))}
                        </Stack>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ReleaseHistory releaseId={releases.find((release) => release.id === selected)?.id ?? releases[0]!.id} round={round} />
            </>
          )
        }
      </Loaded>
      {dialog && <ReasonDialog {...dialog} onConfirm={act} onDismiss={() => setPending(undefined)} />}
    </Stack>
  );
}
