import type { StoredCluster } from '../runner/stateRows.ts';
import type { FailureModeSummary } from '@trumpets/protocol/api';
import { failureModeStatus } from '../status/failureModeStatus.ts';

/** A `failure_clusters` row as `queries/failure_mode_clusters.sql` reads it. */
export type ClusterRow = StoredCluster;

/** One failure mode's counts as `queries/failure_mode_counts.sql` reads them. */
export interface CountRow {
  clusterId: string;
  failures: string;
  recent: string;
  previous: string;
  sinceNewFrom: string;
  agents: string[];
  versions: string[];
  workflows: string[];
  tools: string[];
}

/** Episodes of one agent in the recent and previous windows. */
export interface Exposure {
  recent: number;
  previous: number;
}

export interface StatusWindows {
  toMs: number;
  windowMs: number;
  newWithinMs: number;
}

/** A cluster, its counts (none when it had no failures in the range) and the exposure of its agents, as one summary. */
export function summarize(
  cluster: ClusterRow,
  mergedIds: string[],
  counts: CountRow | undefined,
  exposure: ReadonlyMap<string, Exposure>,
  windows: StatusWindows,
): FailureModeSummary {
  const agents = counts?.agents ?? [];
  const recentEpisodes = agents.reduce((sum, agent) => sum + (exposure.get(agent)?.recent ?? 0), 0);
  const previousEpisodes = agents.reduce((sum, agent) => sum + (exposure.get(agent)?.previous ?? 0), 0);
  const recent = Number(counts?.recent ?? 0);
  const previous = Number(counts?.previous ?? 0);
  const firstSeenMs = Number(cluster.firstSeenMs);
  const verdict = failureModeStatus(
    firstSeenMs,
    Number(counts?.sinceNewFrom ?? 0),
    { recent, previous, recentEpisodes, previousEpisodes },
    {
      nowMs: windows.toMs,
      newWithinMs: windows.newWithinMs,
    },
  );
  return {
    id: cluster.ClusterId,
    label: cluster.Label,
    category: cluster.Category,
    workflow: cluster.Workflow,
    tool: cluster.ToolName,
    errorType: cluster.ErrorType,
    status: verdict.status,
    growthPValue: verdict.growthPValue,
    failures: Number(counts?.failures ?? 0),
    recentFailures: recent,
    previousFailures: previous,
    firstSeen: new Date(firstSeenMs).toISOString(),
    lastSeen: new Date(Number(cluster.lastSeenMs)).toISOString(),
    agents: [...agents].sort(),
    versions: [...(counts?.versions ?? [])].sort(),
    workflows: [...(counts?.workflows ?? [])].sort(),
    tools: [...(counts?.tools ?? [])].sort(),
    mergedIds: [...mergedIds].sort(),
  };
}
