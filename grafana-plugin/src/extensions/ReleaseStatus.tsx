import { Alert, LoadingPlaceholder, Stack, Text, TextLink } from '@grafana/ui';
import { appClient } from '../api/appClient';
import type { Release } from '@trumpets/protocol/api';
import { VerdictBadge } from '../components/VerdictBadge';
import { testIds } from '../constants';
import { useLoad } from '../pages/useLoad';
import { alertLinkPath } from './links';

export interface ReleaseStatusProps {
  /** The agent whose release to show. */
  agent: string;
}

/** The release of an agent that matters now: the one rolling out or paused, else the one serving everyone. */
export function currentRelease(releases: readonly Release[]): Release | undefined {
  return (
    releases.find((release) => release.status === 'rolling_out' || release.status === 'paused') ??
    releases.find((release) => release.isStable)
  );
}

/**
 * An agent's current release in one line (status, traffic share, owner, reason, regressions found),
 * exposed for other plugins to embed, e.g. beside an incident or an alert.
 */
export default function ReleaseStatus({ agent }: ReleaseStatusProps) {
  const load = useLoad(async () => {
    const release = currentRelease((await appClient.releases({ agent })).releases);
    const regressions = release ? (await appClient.regressions({ agent, release: release.id })).regressions : [];
    return { release, regressions };
  }, agent);
  if (load.error)
    return (
      <Alert severity="error" title={`Could not load the release of ${agent}`}>
        {load.error.message}
      </Alert>
    );
  if (!load.value) return <LoadingPlaceholder text={`Loading the release of ${agent}…`} />;
  const { release, regressions } = load.value;
  return (
    <div data-testid={testIds.extensions.releaseStatus}>
      {release ? (
        <Stack gap={1} alignItems="center" wrap="wrap">
          <Text weight="medium">{agent}</Text>
          <VerdictBadge value={release.status.replace('_', ' ')} testId={testIds.extensions.releaseStatusBadge} />
          <Text>{`release ${release.id.slice(0, 8)} serves ${release.percent}% (stage ${release.stageIndex + 1} of ${release.stages.length})`}</Text>
          <Text color="secondary">{`${release.owner}: ${release.reason}`}</Text>
          <Text color={regressions.length > 0 ? 'error' : 'secondary'}>
            {regressions.length === 0 ? 'no regressions' : `${regressions.length} regression${regressions.length === 1 ? '' : 's'}`}
          </Text>
          <TextLink href={alertLinkPath({ instance: { labels: { agent, release_id: release.id } } })!} inline={false}>
            Open in Trumpets
          </TextLink>
        </Stack>
      ) : (
        <Text color="secondary">{`${agent} has no release yet.`}</Text>
      )}
    </div>
  );
}
