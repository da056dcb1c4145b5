import type { FailureModel } from '../core/FailureModel.ts';
import type { FailureRecord } from '../core/FailureRecord.ts';
import type { AssignmentBatch, ClusterState, TemplateState } from '../core/modelState.ts';

/** What a slice's writes take: its assignments and what they changed. */
export type SliceAssignments = Omit<AssignmentBatch, 'episodeModes'>;

/**
 * Assigns `records` (in time order) a few at a time, handing the event loop a turn between two
 * parts, and returns what they decided and changed as one batch, each changed mode or template
 * once: written as one slice. While a slice is assigned the store answers the next batch's reads
 * and the last slice's writes; assigned in one stretch, each answer waited for the whole slice
 * (about 100 ms for 20,000 failures), the engine idle meanwhile.
 */
export async function assignInTurns(
  model: FailureModel,
  records: readonly FailureRecord[],
  awaitingModes: ReadonlyMap<string, readonly FailureRecord[]>,
  perTurn: number,
): Promise<SliceAssignments> {
  const joined: SliceAssignments = { assignments: [], clusters: [], templates: [], events: [] };
  const clusters = new Set<ClusterState>();
  const templates = new Set<TemplateState>();
  const step = Math.max(1, Math.floor(perTurn));
  for (let start = 0; start < records.length; start += step) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const part = model.assign(records.slice(start, start + step), awaitingModes);
    // Modes come back only for the episodes named, each with corrections waiting.
    for (const [episodeId, mode] of part.episodeModes)
      for (const correction of awaitingModes.get(episodeId)!) correction.correctedModeId = mode;
    // Indexed: a slice's parts hold tens of thousands of assignments.
    for (let i = 0; i < part.assignments.length; i++) joined.assignments.push(part.assignments[i]!);
    for (const cluster of part.clusters) clusters.add(cluster);
    for (const template of part.templates) templates.add(template);
    for (const event of part.events) joined.events.push(event);
  }
  joined.clusters = [...clusters];
  joined.templates = [...templates];
  return joined;
}

/**
 * A batch's corrections that know no mode of their episode yet, by episode. The model links a
 * correction to the mode its episode's failure went to in the same `assign` call; a batch is
 * assigned in several, each told of these episodes, so the mode one placed a failure in is
 * handed to the corrections of the later ones.
 */
export function correctionsAwaitingModes(records: readonly FailureRecord[]): Map<string, FailureRecord[]> {
  const awaiting = new Map<string, FailureRecord[]>();
  // Indexed, as `BatchEpisodes` walks its rows.
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.kind !== 'correction' || record.correctedModeId) continue;
    const list = awaiting.get(record.episodeId);
    if (list) list.push(record);
    else awaiting.set(record.episodeId, [record]);
  }
  return awaiting;
}
