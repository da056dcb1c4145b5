import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Field, Input, Stack, Text } from '@grafana/ui';
import { useState } from 'react';
import { appClient } from '../api/appClient';
import type { ReleaseAction } from '../api/client';
import type { Release } from '../api/schemas';
import { formatAgo } from '../components/format';
import { ReasonDialog } from '../components/ReasonDialog';
import { VerdictBadge } from '../components/VerdictBadge';
import { testIds } from '../constants';
import { Loaded } from './Loaded';
import { useLoad } from './useLoad';

const ACTIONS: Record<
  ReleaseAction,
  { label: string; title: string; description: string; destructive?: boolean; when: (release: Release) => boolean }
> = {
  advance: {
    label: 'Advance',
    title: 'Advance to the next stage',
    description: 'More traffic moves to this release.',
    when: (release) => ['rolling_out', 'waiting', 'paused'].includes(release.state),
  },
  pause: {
    label: 'Pause',
    title: 'Pause the rollout',
    description: 'The release keeps its share; no stage advances until resumed.',
    when: (release) => ['rolling_out', 'waiting'].includes(release.state),
  },
  resume: {
    label: 'Resume',
    title: 'Resume the rollout',
    description: 'Stages advance again once their soak time and sample are reached.',
    when: (release) => release.state === 'paused',
  },
  rollback: {
    label: 'Roll back',
    title: 'Roll back this release',
    description: 'Every request goes back to the previous release at once.',
    destructive: true,
    when: (release) => !['rolled_back', 'aborted', 'superseded'].includes(release.state),
  },
};

/** An agent's release history, newest first, with owner and reason; the actions ask why and say what failed. */
export default function ReleasesPage() {
  const [agent, setAgent] = useState('');
  const [pending, setPending] = useState<{ release: Release; action: ReleaseAction }>();
  const [error, setError] = useState<string>();
  const list = useLoad(() => appClient.releases({ agent }), agent);

  const act = async (reason: string) => {
    if (!pending) return;
    setError(undefined);
    try {
      await appClient.releaseAction(pending.release.id, pending.action, reason);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
    setPending(undefined);
    list.reload();
  };

  return (
    <PluginPage>
      <div data-testid={testIds.releases.page}>
        <Field label="Agent">
          <Input width={24} placeholder="all agents" defaultValue={agent} onBlur={(event) => setAgent(event.currentTarget.value.trim())} />
        </Field>
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
        <Loaded load={list} what="releases">
          {({ releases }) =>
            releases.length === 0 ? (
              <Text color="secondary">
                No releases yet. A proposal whose gate passed becomes a release when promoted (POST /api/releases).
              </Text>
            ) : (
              <table className="filter-table">
                <thead>
                  <tr>
                    <th>Release</th>
                    <th>State</th>
                    <th>Stage</th>
                    <th>Owner</th>
                    <th>Reason</th>
                    <th>Created</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {[...releases]
                    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                    .map((release) => (
                      <tr key={release.id} data-testid={testIds.releases.row} data-release={release.id}>
                        <td>
                          <code>{release.id}</code>
                          <div>
                            <Text color="secondary" variant="bodySmall">
                              {release.agent} · config {release.configVersion.slice(0, 12)}
                              {release.previousReleaseId ? ` · after ${release.previousReleaseId}` : ''}
                            </Text>
                          </div>
                        </td>
                        <td>
                          <VerdictBadge value={release.state} testId={`${testIds.releases.row}-state`} />
                        </td>
                        <td>{release.stagePercent === null ? '—' : `${release.stagePercent}%`}</td>
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
                                  onClick={() => setPending({ release, action })}
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
            )
          }
        </Loaded>
        {pending && (
          <ReasonDialog
            title={`${ACTIONS[pending.action].title}: ${pending.release.id}`}
            description={ACTIONS[pending.action].description}
            confirmText={ACTIONS[pending.action].label}
            destructive={ACTIONS[pending.action].destructive}
            onConfirm={act}
            onDismiss={() => setPending(undefined)}
          />
        )}
      </div>
    </PluginPage>
  );
}
