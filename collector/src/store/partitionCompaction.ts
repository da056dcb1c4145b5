import { localTable } from './clusterDdl.ts';
import type { Store } from './Store.ts';

/**
 * How long after a day ends its partition is compacted: assembly settles within seconds, and a
 * span later still only adds a part, which the next pass merges again.
 */
const COMPACTION_GRACE_MS = 3_600_000;

export interface CompactedPartition {
  /** The day, as the partition names it (YYYY-MM-DD). */
  day: string;
  /** Active parts before the merge. */
  parts: number;
  rows: number;
}

/**
 * Merges every closed day partition of `episodes` that holds more than one part into one part
 * (OPTIMIZE … FINAL), oldest first. FINAL reads a partition of one part as it is (the versions were
 * merged once, here; rows marked IsDeleted are filtered, not merged), so the panels' queries over
 * closed days cost about what a bare scan costs, where ingest's many parts made FINAL merge every
 * episode's versions at each query. Only a partition with several parts is merged, so a pass over
 * compacted days does nothing. On a cluster the local tables are merged on every replica;
 * `optimize_skip_merged_partitions` makes that a no-op where a replica's partition is one part.
 */
export async function compactClosedEpisodePartitions(
  store: Store,
  options: { nowMs: number; cluster?: string },
): Promise<CompactedPartition[]> {
  const table = options.cluster ? localTable('episodes') : 'episodes';
  const partitions = await store.named<{ partitionId: string; day: string; parts: string; rows: string }>('closed_partitions_to_compact', {
    table,
    closedBeforeMs: options.nowMs - COMPACTION_GRACE_MS,
  });
  const compacted: CompactedPartition[] = [];
  for (const { partitionId, day, parts, rows } of partitions) {
    const statement = optimizeStatement(table, partitionId, options.cluster);
    await store.command(statement);
    compacted.push({ day, parts: Number(parts), rows: Number(rows) });
  }
  return compacted;
}

/**
 * The OPTIMIZE of one partition. A partition id cannot be bound as a parameter; it comes from
 * system.parts (digits, for a day partition) and is checked, and the cluster name from checked
 * configuration.
 */
function optimizeStatement(table: string, partitionId: string, cluster: string | undefined): string {
  if (!/^\w+$/.test(partitionId)) throw new Error(`unexpected partition id '${partitionId}' of ${table}`);
  const on = cluster ? ` ON CLUSTER '${cluster}'` : '';
  return `OPTIMIZE TABLE ${table}${on} PARTITION ID '${partitionId}' FINAL SETTINGS optimize_skip_merged_partitions = 1`;
}
