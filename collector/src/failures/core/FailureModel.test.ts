import { describe, expect, it } from 'vitest';
import type { FailureRecord } from './FailureRecord.ts';
import { FailureModel } from './FailureModel.ts';
import type { AssignmentBatch, ClusterState, TemplateState } from './modelState.ts';

let counter = 0;
function failure(text: string, fields: Partial<FailureRecord> = {}): FailureRecord {
  counter += 1;
  return {
    failureId: `f${String(counter).padStart(6, '0')}`,
    episodeId: `e${counter}`,
    kind: 'failure',
    agent: 'support-bot',
    agentVersion: '1.0.0',
    workflow: 'refund',
    tool: 'payments.refund',
    errorType: 'RefundLimitExceeded',
    text,
    occurredAtMs: 1_764_000_000_000 + counter,
    ...fields,
  };
}

const clusterOf = (model: FailureModel, batch: AssignmentBatch, failureId: string) =>
  model.resolve(batch.assignments.find((assignment) => assignment.record.failureId === failureId)!.clusterId);

/** The state rows a runner would have stored after these batches (newest copy of each row). */
function storedState(batches: AssignmentBatch[]): { clusters: ClusterState[]; templates: TemplateState[] } {
  const clusters = new Map<string, ClusterState>();
  const templates = new Map<string, TemplateState>();
  for (const batch of batches) {
    for (const cluster of batch.clusters) clusters.set(cluster.clusterId, JSON.parse(JSON.stringify(cluster)));
    for (const template of batch.templates) templates.set(template.templateId, JSON.parse(JSON.stringify(template)));
  }
  return { clusters: [...clusters.values()], templates: [...templates.values()] };
}

describe('FailureModel', () => {
  it('keeps rewordings of one failure together when its error type is specific', () => {
    const model = new FailureModel();
    const records = [
      failure('Refund of $312.50 for order ORD-48213 exceeds the agent limit of $200.00'),
      failure('refund amount 512.00 USD is above the allowed maximum (200.00 USD) for ORD-7'),
      failure('Cannot refund ORD-99: amount exceeds limit'),
    ];
    const batch = model.assign(records);
    expect(new Set(records.map((r) => clusterOf(model, batch, r.failureId))).size).toBe(1);
    expect(new Set(batch.assignments.map((a) => a.templateId)).size).toBe(3);
  });

  it('tells two failures under one generic error type apart by their words', () => {
    const model = new FailureModel();
    const generic = { tool: 'invoices.render', errorType: 'TypeError', workflow: 'billing' };
    const undefinedRead = [
      failure("TypeError: Cannot read properties of undefined (reading 'lineItems')", generic),
      failure("Cannot read property 'lineItems' of undefined", generic),
    ];
    const notAFunction = [
      failure('TypeError: amount.toFixed is not a function', generic),
      failure('TypeError: invoice.amount.toFixed is not a function', generic),
    ];
    const batch = model.assign([...undefinedRead, ...notAFunction]);
    const [a, b] = [undefinedRead, notAFunction].map((group) => new Set(group.map((r) => clusterOf(model, batch, r.failureId))));
    expect(a!.size).toBe(1);
    expect(b!.size).toBe(1);
    expect([...a!][0]).not.toBe([...b!][0]);
  });

  it('labels a cluster with its template, variables masked', () => {
    const model = new FailureModel();
    const batch = model.assign([
      failure('Order ORD-1 not found', { errorType: 'OrderNotFound' }),
      failure('Order ORD-22 not found.', { errorType: 'OrderNotFound' }),
    ]);
    expect(batch.clusters.map((cluster) => cluster.label)).toEqual(['order <ID> not found']);
  });

  it('keeps the same failure in another workflow, or of another kind, in another cluster', () => {
    const model = new FailureModel();
    const records = [
      failure('limit exceeded'),
      failure('limit exceeded', { workflow: 'billing' }),
      failure('limit exceeded', { kind: 'escalation' }),
    ];
    const batch = model.assign(records);
    expect(new Set(records.map((r) => clusterOf(model, batch, r.failureId))).size).toBe(3);
  });

  it('gives the same ids on a second run over the same failures, however they are batched', () => {
    const records = Array.from({ length: 60 }, (_, i) =>
      failure(
        i % 3 === 0
          ? `deadlock detected while updating accounts (pid ${i})`
          : i % 3 === 1
            ? `could not connect to server at 10.0.0.${i}`
            : `Order ORD-${i} not found`,
        {
          errorType: i % 3 === 2 ? 'OrderNotFound' : '',
          tool: 'db.query',
        },
      ),
    );
    const once = new FailureModel();
    const whole = once.assign(records);
    const again = new FailureModel();
    const inParts = [again.assign(records.slice(0, 7)), again.assign(records.slice(7, 40)), again.assign(records.slice(40))];
    const ids = (model: FailureModel, batches: AssignmentBatch[]) =>
      batches.flatMap((b) => b.assignments.map((a) => `${a.record.failureId}=${model.resolve(a.clusterId)}`)).sort();
    expect(ids(again, inParts)).toEqual(ids(once, [whole]));
    expect(new Set(whole.assignments.map((a) => a.clusterId)).size).toBe(3);
  });

  it('assigns after a restore from stored state exactly as the model that wrote it', () => {
    const records = Array.from({ length: 200 }, (_, i) =>
      failure(
        [
          `upstream connection reset by peer ${i}`,
          `Customer asked for a human agent`,
          `customer requested a human agent`,
          `Order ORD-${i} not found`,
        ][i % 4]!,
        {
          errorType: i % 4 === 3 ? 'OrderNotFound' : '',
          kind: i % 4 === 1 || i % 4 === 2 ? 'escalation' : 'failure',
        },
      ),
    );
    const running = new FailureModel();
    const firstHalf = running.assign(records.slice(0, 100));
    const restored = new FailureModel({}, storedState([firstHalf]));
    const expected = running.assign(records.slice(100));
    const actual = restored.assign(records.slice(100));
    expect(actual.assignments.map((a) => [a.record.failureId, a.clusterId, a.templateId])).toEqual(
      expected.assignments.map((a) => [a.record.failureId, a.clusterId, a.templateId]),
    );
    expect(storedState([actual])).toEqual(storedState([expected]));
  });

  it('merges an untyped mode into a typed one once its wording is thrown with that type, and records the merge', () => {
    const model = new FailureModel();
    const older = model.assign([failure('upstream connection reset by peer', { errorType: '', tool: 'gateway' })]);
    const newer = model.assign([failure('upstream closed the socket early', { errorType: 'UpstreamReset', tool: 'gateway' })]);
    const olderId = older.assignments[0]!.clusterId;
    const newerId = newer.assignments[0]!.clusterId;
    expect(newerId).not.toBe(olderId);

    const evidence = model.assign([failure('upstream connection reset by peer', { errorType: 'UpstreamReset', tool: 'gateway' })]);
    expect(evidence.assignments[0]!.clusterId).toBe(olderId);
    expect(model.resolve(newerId)).toBe(olderId);
    expect(evidence.events).toContainEqual({ clusterId: newerId, event: 'merged_into', otherClusterId: olderId });
    expect(evidence.clusters.find((cluster) => cluster.clusterId === newerId)?.mergedInto).toBe(olderId);
    expect(evidence.clusters.find((cluster) => cluster.clusterId === olderId)?.errorType).toBe('UpstreamReset');
  });

  it('puts the same wording under a specific type and under a bare Error, or none, in one mode', () => {
    const model = new FailureModel();
    const records = [
      failure('card ending 4242 declined for payment of $12.00', { errorType: 'CardDeclinedError', tool: 'payments.charge' }),
      failure('card ending 1881 declined for payment of $310.50', { errorType: 'Error', tool: 'payments.charge' }),
      failure('card ending 0005 declined for payment of $7.99', { errorType: '', tool: 'payments.charge' }),
      failure('card ending 7777 declined for payment of $1.00', { errorType: '_OTHER', tool: 'payments.charge' }),
    ];
    const batch = model.assign(records);
    expect(new Set(records.map((r) => clusterOf(model, batch, r.failureId))).size).toBe(1);
  });

  it('reads a type named at the head of the message when a generic one was recorded', () => {
    const model = new FailureModel();
    const typed = failure('amount must be positive', { errorType: 'ValidationError', tool: 'orders.create' });
    const named = [
      failure('ValidationError: quantity must be at least 1', { errorType: 'Error', tool: 'orders.create' }),
      failure('Validation Exception: currency is required', { errorType: '', tool: 'orders.create' }),
      failure('[req 9f1c] app.errors.ValidationError: sku is unknown', { errorType: '', tool: 'orders.create' }),
    ];
    const batch = model.assign([typed, ...named]);
    expect(new Set([typed, ...named].map((r) => clusterOf(model, batch, r.failureId))).size).toBe(1);
  });

  it('does not let a wrapper named in messages of several causes join them, until a failure records it', () => {
    const model = new FailureModel();
    const tool = { errorType: 'Error', tool: 'payments.charge' };
    const declined = failure('Payments Exception: card ending 4242 declined by the issuer', tool);
    const overLimit = failure('Payments Exception: charge of $9,000.00 exceeds the single-charge limit', tool);
    const batch = model.assign([declined, overLimit]);
    expect(clusterOf(model, batch, declined.failureId)).not.toBe(clusterOf(model, batch, overLimit.failureId));
  });

  it('keeps two untyped causes of one tool apart when they share only the words of that tool', () => {
    const model = new FailureModel();
    const tool = { errorType: '', tool: 'payments.charge' };
    const declined = [
      failure('Payment request for order ORD-1 was declined by the issuer', tool),
      failure('issuer declined the payment request, card blocked', tool),
    ];
    const overLimit = [
      failure('Payment request for order ORD-2 exceeds the single-charge limit', tool),
      failure('payment request exceeds limit for merchant acct_4', tool),
    ];
    const batch = model.assign([declined[0]!, overLimit[0]!, declined[1]!, overLimit[1]!]);
    const [a, b] = [declined, overLimit].map((group) => new Set(group.map((r) => clusterOf(model, batch, r.failureId))));
    expect(a!.size).toBe(1);
    expect(b!.size).toBe(1);
    expect([...a!][0]).not.toBe([...b!][0]);
  });

  it('records when each cluster was created and first and last seen', () => {
    const model = new FailureModel();
    const batch = model.assign([
      failure('Order ORD-1 not found', { errorType: 'OrderNotFound', occurredAtMs: 5000 }),
      failure('Order ORD-2 not found', { errorType: 'OrderNotFound', occurredAtMs: 1000 }),
    ]);
    expect(batch.events).toEqual([{ clusterId: batch.clusters[0]!.clusterId, event: 'created', otherClusterId: '' }]);
    expect(batch.clusters[0]).toMatchObject({ firstSeenMs: 1000, lastSeenMs: 5000 });
  });
});
