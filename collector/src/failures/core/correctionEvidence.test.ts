import { describe, expect, it } from 'vitest';
import type { FailureRecord } from './FailureRecord.ts';
import { FailureModel } from './FailureModel.ts';
import type { AssignmentBatch, ClusterState, TemplateState } from './modelState.ts';

let counter = 0;
const BASE_MS = 1_764_000_000_000;

/** A failed episode of the payout tool, and (given a reason) a reviewer's correction of it a minute later. */
function episode(text: string, errorType: string, reason?: string): FailureRecord[] {
  counter += 1;
  const episodeId = `e${String(counter).padStart(5, '0')}`;
  const place = { agent: 'claims-agent', agentVersion: '2.1.0', workflow: 'payout', episodeId };
  const failed: FailureRecord = {
    ...place,
    failureId: episodeId,
    kind: 'failure',
    tool: 'payouts.transfer',
    errorType,
    text,
    occurredAtMs: BASE_MS + counter * 1000,
  };
  if (reason === undefined) return [failed];
  return [
    failed,
    {
      ...place,
      failureId: `${episodeId}:c`,
      kind: 'correction',
      tool: '',
      errorType: '',
      text: reason,
      occurredAtMs: failed.occurredAtMs + 60_000,
    },
  ];
}

const modeOf = (model: FailureModel, batches: AssignmentBatch[], failureId: string) =>
  model.resolve(batches.flatMap((batch) => batch.assignments).find((assignment) => assignment.record.failureId === failureId)!.clusterId);

/** The newest copy of each state row these batches wrote: what a restarted model restores. */
function stored(batches: AssignmentBatch[]): { clusters: ClusterState[]; templates: TemplateState[] } {
  const clusters = new Map<string, ClusterState>();
  const templates = new Map<string, TemplateState>();
  for (const batch of batches) {
    for (const cluster of batch.clusters) clusters.set(cluster.clusterId, structuredClone(cluster));
    for (const template of batch.templates) templates.set(template.templateId, structuredClone(template));
  }
  return { clusters: [...clusters.values()], templates: [...templates.values()] };
}

const REASON = 'should have split the payout into two transfers under the daily limit';

describe('correction text as evidence', () => {
  it('joins an untyped mode to the typed one when reviewers correct both alike, and records the merge', () => {
    const model = new FailureModel();
    const typed = episode('transfer of $12,000.00 to acct_1 exceeds the daily payout limit', 'TransferLimitExceeded');
    const untyped = episode('wire blocked: cumulative amount today too high', 'Error');
    const first = model.assign([...typed, ...untyped]);
    const [typedMode, untypedMode] = [modeOf(model, [first], typed[0]!.failureId), modeOf(model, [first], untyped[0]!.failureId)];
    expect(untypedMode).not.toBe(typedMode);

    const corrected = [
      ...episode('transfer of $31,500.00 to acct_7 exceeds the daily payout limit', 'TransferLimitExceeded', REASON),
      ...episode('wire blocked: cumulative amount today too high', '', `${REASON}.`),
      ...episode('transfer of $18,000.00 to acct_9 exceeds the daily payout limit', 'TransferLimitExceeded', REASON),
    ];
    const second = model.assign(corrected);
    // One correction on each side is not evidence yet: a second on the untyped side is.
    expect(model.resolve(untypedMode)).not.toBe(model.resolve(typedMode));
    const third = model.assign(episode('wire blocked: cumulative amount today too high', 'Error', REASON));
    expect(second.events.filter((event) => event.event === 'merged_into')).toHaveLength(0);
    expect(model.resolve(untypedMode)).toBe(model.resolve(typedMode));
    expect(third.events.filter((event) => event.event === 'merged_into')).toHaveLength(1);
    const live = model.resolve(typedMode);
    expect(third.clusters.find((cluster) => cluster.clusterId === live)?.errorType).toBe('TransferLimitExceeded');
  });

  it('uses a correction that arrives in a later pass, naming the mode its episode was placed in', () => {
    const model = new FailureModel();
    const typed = [
      ...episode('transfer of $12,000.00 to acct_1 exceeds the daily payout limit', 'TransferLimitExceeded', REASON),
      ...episode('transfer of $19,000.00 to acct_3 exceeds the daily payout limit', 'TransferLimitExceeded', REASON),
    ];
    const untyped = [
      ...episode('wire blocked: cumulative amount today too high', 'Error', REASON),
      ...episode('wire blocked: cumulative amount today too high', 'Error'),
    ];
    const first = model.assign([...typed, ...untyped]);
    const [typedMode, untypedMode] = [modeOf(model, [first], typed[0]!.failureId), modeOf(model, [first], untyped[0]!.failureId)];
    expect(untypedMode).not.toBe(typedMode);

    // The runner reads the episode's mode from its stored membership; a restarted model decides alike.
    const late: FailureRecord = { ...episode('unused', '', REASON)[1]!, episodeId: untyped[2]!.episodeId, correctedModeId: untypedMode };
    const restored = new FailureModel({}, stored([first]));
    const [afterRestart, running] = [restored.assign([late]), model.assign([late])];
    expect(running.events.filter((event) => event.event === 'merged_into')).toHaveLength(1);
    expect(restored.resolve(untypedMode)).toBe(restored.resolve(typedMode));
    expect(afterRestart.events).toEqual(running.events);
    expect(stored([afterRestart])).toEqual(stored([running]));
  });

  it('joins nothing on a correction written about many modes of the place', () => {
    const model = new FailureModel();
    const generic = 'agent gave the wrong answer';
    const records = [1, 2].flatMap(() => [
      ...episode('transfer of $12,000.00 to acct_1 exceeds the daily payout limit', 'TransferLimitExceeded', generic),
      ...episode('wire blocked: cumulative amount today too high', 'Error', generic),
      ...episode('beneficiary bank offline, try later', '', generic),
    ]);
    const batch = model.assign(records);
    const modes = new Set(records.filter((record) => record.kind === 'failure').map((record) => modeOf(model, [batch], record.failureId)));
    expect(modes.size).toBe(3);
  });

  it('never joins two typed modes, nor two untyped ones, on a shared correction', () => {
    const model = new FailureModel();
    const records = [1, 2].flatMap(() => [
      ...episode('transfer of $12,000.00 to acct_1 exceeds the daily payout limit', 'TransferLimitExceeded', REASON),
      ...episode('IBAN DE89370400440532013000 failed checksum validation', 'InvalidBeneficiaryAccount', REASON),
    ]);
    const batch = model.assign(records);
    expect(modeOf(model, [batch], records[0]!.failureId)).not.toBe(modeOf(model, [batch], records[2]!.failureId));
  });
});
