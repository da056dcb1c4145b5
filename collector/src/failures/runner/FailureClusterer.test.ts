import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { EmbeddedStore } from '../../store/embeddedStore.ts';
import { FaultyStore } from '../../testing/FaultyStore.ts';
import { runMigrations } from '../../store/migrations.ts';
import type { FailureRecord } from '../core/FailureRecord.ts';
import { storeCorpus } from '../../testing/failureCorpus/storeCorpus.ts';
import { storedEpisodeRow } from '../../testing/storedEpisodeRow.ts';
import { syntheticFailures } from '../../testing/failureCorpus/syntheticFailures.ts';
import { scoreClustering } from '../../testing/clusteringQuality/clusteringScores.ts';
import { microsToDateTime64, msToDateTime64, nextMicros } from '../../shared/clock.ts';
import { idChunks } from '../../store/idChunks.ts';
import { FailureClusterer } from './FailureClusterer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function openStore(dir?: string): Promise<{ store: FaultyStore; dir: string }> {
  const at = dir ?? mkdtempSync(join(tmpdir(), 'trumpets-failures-'));
  if (!dir) dirs.push(at);
  const store = new FaultyStore(new EmbeddedStore(at));
  await runMigrations(store);
  return { store, dir: at };
}

const clustererOn = (store: FaultyStore) => new FailureClusterer(store, {}, silentLogger);

/** Failure id → the live cluster it belongs to, as the read API resolves it. */
async function membership(store: FaultyStore): Promise<Map<string, string>> {
  const rows = await store.query<{ FailureId: string; clusterId: string }>(
    `SELECT m.FailureId AS FailureId, if(c.MergedInto = '', m.ClusterId, c.MergedInto) AS clusterId
     FROM failure_cluster_members AS m FINAL
     INNER JOIN (SELECT ClusterId, MergedInto FROM failure_clusters FINAL) AS c ON c.ClusterId = m.ClusterId`,
  );
  return new Map(rows.map((row) => [row.FailureId, row.clusterId]));
}

/** `count` synthetic failures stored as three assemblies, so a clusterer of `count / 3` rows a batch reads them in three batches. */
async function storeAsThreeAssemblies(store: FaultyStore, count: number, seed: number): Promise<void> {
  const { records } = syntheticFailures({ count, seed });
  for (let start = 0; start < count; start += count / 3) await storeCorpus(store, records.slice(start, start + count / 3));
}

/** A refund that failed, the episode's own failure. */
function failedEpisode(episodeId: string, error: Pick<FailureRecord, 'errorType' | 'text'> = refundLimit): FailureRecord {
  return {
    failureId: episodeId,
    episodeId,
    kind: 'failure',
    agent: 'support-bot',
    agentVersion: '1.4.0',
    workflow: 'refund',
    tool: 'payments.refund',
    ...error,
    occurredAtMs: Date.UTC(2026, 10, 24),
  };
}

const refundLimit = { errorType: 'RefundLimitExceeded', text: 'refund of 250.00 USD exceeds the limit' };

/** A reviewer's correction of a failed episode a minute later, as assembly stores it. */
function correctionOf(episode: FailureRecord, correctionId: string) {
  return {
    CorrectionId: correctionId,
    EpisodeId: episode.episodeId,
    Reason: 'the refund should have been split in two',
    Author: 'reviewer',
    CreatedAt: msToDateTime64(episode.occurredAtMs + 60_000),
    AssembledAt: microsToDateTime64(nextMicros()),
  };
}

/** What corrections linked, as stored on templates: `mode correction` per link. */
async function correctionLinks(store: FaultyStore): Promise<string[]> {
  const rows = await store.query<{ Links: string[] }>(`SELECT Links FROM failure_templates FINAL WHERE notEmpty(Links)`);
  return rows.flatMap((row) => row.Links);
}

/** What a pass stored: memberships, modes, templates (with their correction links), events. */
async function storedState(store: FaultyStore) {
  return {
    members: await membership(store),
    modes: await store.query(
      `SELECT ClusterId, Label, toString(FirstSeen) AS firstSeen, toString(LastSeen) AS lastSeen, MergedInto FROM failure_clusters FINAL ORDER BY ClusterId`,
    ),
    templates: await store.query(`SELECT TemplateId, ClusterId, Tokens, Words, Links FROM failure_templates FINAL ORDER BY TemplateId`),
    events: await store.query(
      `SELECT ClusterId, Event, OtherClusterId FROM failure_cluster_events ORDER BY ClusterId, Event, OtherClusterId`,
    ),
    links: (await correctionLinks(store)).sort(),
  };
}

describe('FailureClusterer', () => {
  it('clusters failures read back from the store with ARI ≥ 0.85, each failure exactly once', async () => {
    const { store } = await openStore();
    const { records, truth } = syntheticFailures({ count: 4000, seed: 11 });
    await storeCorpus(store, records);
    const report = await clustererOn(store).flush();
    const clusterOf = await membership(store);
    const scores = scoreClustering(
      truth,
      records.map((record) => clusterOf.get(record.failureId) ?? 'missing'),
    );
    console.log(
      `through the store: ARI ${scores.adjustedRandIndex.toFixed(4)}, homogeneity ${scores.homogeneity.toFixed(4)}, completeness ${scores.completeness.toFixed(4)}`,
    );
    expect(report.failures).toBe(records.length);
    expect(clusterOf.size).toBe(records.length);
    expect(scores.adjustedRandIndex).toBeGreaterThanOrEqual(0.85);
    await store.close();
  });

  it('keeps cluster ids across a restart, and a second run from scratch gives the same ids', async () => {
    const { records } = syntheticFailures({ count: 3000, seed: 12 });
    const [firstHalf, secondHalf] = [records.slice(0, 1500), records.slice(1500)];

    const uninterrupted = await openStore();
    const clusterer = clustererOn(uninterrupted.store);
    await storeCorpus(uninterrupted.store, firstHalf);
    await clusterer.flush();
    await storeCorpus(uninterrupted.store, secondHalf);
    await clusterer.flush();
    const expected = await membership(uninterrupted.store);
    await uninterrupted.store.close();

    const restarted = await openStore();
    await storeCorpus(restarted.store, firstHalf);
    await clustererOn(restarted.store).flush();
    await restarted.store.close();
    const reopened = await openStore(restarted.dir);
    await storeCorpus(reopened.store, secondHalf);
    await clustererOn(reopened.store).flush();
    expect(await membership(reopened.store)).toEqual(expected);
    await reopened.store.close();

    const rerun = await openStore();
    await storeCorpus(rerun.store, records);
    await clustererOn(rerun.store).flush();
    expect(await membership(rerun.store)).toEqual(expected);
    await rerun.store.close();
  });

  it('reads only what was assembled since its last pass', async () => {
    const { store } = await openStore();
    const { records } = syntheticFailures({ count: 600, seed: 13 });
    const clusterer = clustererOn(store);
    await storeCorpus(store, records.slice(0, 500));
    expect((await clusterer.flush()).failures).toBe(500);
    await storeCorpus(store, records.slice(500));
    const second = await clusterer.flush();
    expect(second).toMatchObject({ failures: 100, episodes: 100 });
    expect((await clusterer.flush()).failures).toBe(0);
    await store.close();
  });

  it.each([
    ['in one plan', {}],
    ['planned a part at a time', { stampsPerPlan: 2 }],
  ])('reads a backlog in batches cut at assembly stamps, each failure once, %s', async (_, planning) => {
    const { store } = await openStore();
    await storeAsThreeAssemblies(store, 450, 15);
    const report = await new FailureClusterer(store, { rowsPerBatch: 100, ...planning }, silentLogger).flush();
    expect(report.failures).toBe(450);
    expect((await membership(store)).size).toBe(450);
    const passes = await store.query<{ watermark: string }>(
      'SELECT toString(Watermark) AS watermark FROM failure_clustering_passes ORDER BY PassAt',
    );
    // Batches are written while the next is assigned, but recorded in order: each watermark past the one before.
    expect(passes).toHaveLength(3);
    expect(passes.map((pass) => pass.watermark)).toEqual(passes.map((pass) => pass.watermark).sort());
    expect(new Set(passes.map((pass) => pass.watermark)).size).toBe(3);
    await store.close();
  });

  it('moves a re-assembled failure whose error changed instead of counting it twice', async () => {
    const { store } = await openStore();
    const clusterer = clustererOn(store);
    const base = failedEpisode('e0000000000000000000000000000001', { errorType: 'TimeoutError', text: 'payments timed out after 30s' });
    await storeCorpus(store, [base]);
    await clusterer.flush();
    const before = (await membership(store)).get(base.failureId);
    await storeCorpus(store, [{ ...base, errorType: 'CardDeclined', text: 'card declined by issuer' }]);
    await clusterer.flush();
    const after = await membership(store);
    expect(after.size).toBe(1);
    expect(after.get(base.failureId)).not.toBe(before);
    await store.close();
  });

  it('clusters a failure that recorded neither error nor reason by its answer, as its newest assembly gave it', async () => {
    const { store } = await openStore();
    const start = msToDateTime64(Date.UTC(2026, 10, 24));
    // Every row of an insert has the same columns, in the same order.
    const episode = (
      id: string,
      fields: { Outcome: string; Output: string; ErrorType?: string; ErrorMessage?: string; ErrorHeadline?: string },
    ) =>
      storedEpisodeRow(id, 'support-bot', start, microsToDateTime64(nextMicros()), {
        ErrorType: '',
        ErrorMessage: '',
        ErrorHeadline: '',
        ...fields,
      });
    await store.insert('episodes', [
      episode('e1', { Outcome: 'failure', Output: 'I could not look that booking up' }),
      episode('e1', { Outcome: 'failure', Output: 'Sorry, there is no booking under that name' }),
      episode('e2', {
        Outcome: 'failure',
        ErrorType: 'TimeoutError',
        ErrorMessage: 'payments timed out\n    at charge (/app/pay.js:1:1)',
        ErrorHeadline: 'payments timed out',
        Output: 'an answer that says nothing of the error',
      }),
      episode('e3', { Outcome: 'success', Output: 'Your booking is confirmed' }),
    ]);
    await clustererOn(store).flush();
    const members = await store.query<{ EpisodeId: string; Text: string }>(
      'SELECT EpisodeId, Text FROM failure_cluster_members FINAL ORDER BY EpisodeId',
    );
    expect(members).toEqual([
      { EpisodeId: 'e1', Text: 'Sorry, there is no booking under that name' },
      { EpisodeId: 'e2', Text: 'payments timed out' },
    ]);
    await store.close();
  });

  it('clusters each failed call of an episode once, as its newest assembly in the batch gave it, beside episodes with none', async () => {
    const { store } = await openStore();
    const start = msToDateTime64(Date.UTC(2026, 10, 24));
    const first = microsToDateTime64(nextMicros());
    const newest = microsToDateTime64(nextMicros());
    const call = (episodeId: string, spanId: string, assembled: string, message: string) => ({
      EpisodeId: episodeId,
      SpanId: spanId,
      ToolName: 'payments.refund',
      Status: 'error',
      ErrorType: 'TimeoutError',
      ErrorMessage: message,
      ErrorHeadline: message,
      StartTime: start,
      AssembledAt: assembled,
    });
    // Every row of an insert has the same columns, in the same order.
    const episode = (
      id: string,
      assembled: string,
      fields: { Outcome: string; ToolErrorCount: number; ErrorType?: string; ErrorHeadline?: string },
    ) => storedEpisodeRow(id, 'support-bot', start, assembled, { ErrorType: '', ErrorHeadline: '', ...fields });
    // Each assembly its own insert, as assembly writes them: both stored until the engine merges them.
    await store.insert('episodes', [episode('e1', first, { Outcome: 'success', ToolErrorCount: 2 })]);
    await store.insert('tool_calls', [
      call('e1', 's1', first, 'payments timed out after 10s'),
      call('e1', 's2', first, 'payments timed out after 20s'),
    ]);
    await store.insert('episodes', [
      episode('e1', newest, { Outcome: 'success', ToolErrorCount: 3 }),
      episode('e2', newest, { Outcome: 'failure', ToolErrorCount: 0, ErrorType: 'CardDeclined', ErrorHeadline: 'card declined' }),
    ]);
    await store.insert('tool_calls', [
      call('e1', 's1', newest, 'payments timed out after 11s'),
      call('e1', 's2', newest, 'payments timed out after 21s'),
      call('e1', 's3', newest, 'payments timed out after 31s'),
    ]);
    // The same rows again, as a retried insert stores them.
    await store.insert('tool_calls', [call('e1', 's3', newest, 'payments timed out after 31s')]);
    const report = await clustererOn(store).flush();
    const members = await store.query<{ FailureId: string; Text: string }>(
      'SELECT FailureId, Text FROM failure_cluster_members ORDER BY FailureId',
    );
    expect(members).toEqual([
      { FailureId: 'e1/s1', Text: 'payments timed out after 11s' },
      { FailureId: 'e1/s2', Text: 'payments timed out after 21s' },
      { FailureId: 'e1/s3', Text: 'payments timed out after 31s' },
      { FailureId: 'e2', Text: 'card declined' },
    ]);
    expect(report).toMatchObject({ episodes: 2, failures: 4 });
    await store.close();
  });

  it('clusters the flags of more flagged episodes than one id list holds', async () => {
    const { store } = await openStore();
    const start = msToDateTime64(Date.UTC(2026, 10, 24));
    const assembled = microsToDateTime64(nextMicros());
    const ids = Array.from({ length: 4_000 }, (_, i) => `f${String(i).padStart(31, '0')}`);
    expect(idChunks(ids).length).toBeGreaterThan(1);
    await store.insert(
      'episodes',
      ids.map((id) => storedEpisodeRow(id, 'support-bot', start, assembled, { SafetyFlagged: true })),
    );
    await store.insert(
      'safety_flags',
      ids.map((id) => ({
        EpisodeId: id,
        SpanId: 's1',
        Kind: 'pii',
        Detail: 'an email address in the answer',
        FlaggedAt: `${start}000000`,
        AssembledAt: assembled,
      })),
    );
    const report = await clustererOn(store).flush();
    expect(report.failures).toBe(4_000);
    const [members] = await store.query<{ n: string }>("SELECT count() AS n FROM failure_cluster_members FINAL WHERE Kind = 'safety'");
    expect(members?.n).toBe('4000');
    await store.close();
  });

  it('clusters a correction arriving after its episode was clustered under that episode, as evidence about its mode', async () => {
    const { store } = await openStore();
    const clusterer = clustererOn(store);
    const failed = failedEpisode('e0000000000000000000000000000002');
    await storeCorpus(store, [failed]);
    await clusterer.flush();
    const mode = (await membership(store)).get(failed.failureId);
    await store.insert('corrections', [correctionOf(failed, 'c0000000000000000000000000000002')]);
    expect(await clusterer.flush()).toMatchObject({ failures: 1, episodes: 1 });
    const [correction] = await store.query<{ Agent: string; AgentVersion: string; Workflow: string }>(
      `SELECT Agent, AgentVersion, Workflow FROM failure_cluster_members FINAL WHERE FailureId = 'c0000000000000000000000000000002'`,
    );
    expect(correction).toEqual({ Agent: 'support-bot', AgentVersion: '1.4.0', Workflow: 'refund' });
    expect(await correctionLinks(store)).toEqual([`${mode} c0000000000000000000000000000002`]);
    await store.close();
  });

  it('clusters the correction of a succeeded episode stored before it, and records nothing for episodes none worth clustering', async () => {
    const { store } = await openStore();
    const clusterer = clustererOn(store);
    const start = msToDateTime64(Date.UTC(2026, 10, 24));
    const succeeded = (id: string) => storedEpisodeRow(id, 'support-bot', start, microsToDateTime64(nextMicros()), { Workflow: 'refund' });
    await store.insert('corrections', [
      {
        CorrectionId: 'c-quiet',
        EpisodeId: 'quiet-1',
        Reason: 'the refund should have been split in two',
        Author: 'reviewer',
        CreatedAt: start,
        AssembledAt: microsToDateTime64(nextMicros()),
      },
    ]);
    await clusterer.flush();
    await store.insert('episodes', [succeeded('quiet-1')]);
    expect(await clusterer.flush()).toMatchObject({ episodes: 1, failures: 1 });
    expect([...(await membership(store)).keys()]).toEqual(['c-quiet']);
    const passes = async () =>
      (await store.query<{ passes: string }>('SELECT count() AS passes FROM failure_clustering_passes'))[0]!.passes;
    const recorded = await passes();
    await store.insert('episodes', [succeeded('quiet-2')]);
    expect(await clusterer.flush()).toMatchObject({ episodes: 0, failures: 0 });
    expect(await passes()).toBe(recorded);
    await store.close();
  });

  it('gives a pass up only once the writes it started have settled', async () => {
    const { store } = await openStore();
    const clusterer = new FailureClusterer(store, { rowsPerBatch: 100 }, silentLogger);
    await storeAsThreeAssemblies(store, 300, 16);
    // The first batch's reads go through, the second's fail while the first batch, its writes
    // held a few turns each, is still being written.
    store.refuseReadsAfter(1, 'connection reset', 'failure_episodes');
    store.delayWrites(20);
    const failed = await clusterer.flush().then(
      () => undefined,
      (error: Error) => ({ message: error.message, insertsInFlight: store.insertsInFlight }),
    );
    expect(failed).toEqual({ message: expect.stringMatching(/connection reset/), insertsInFlight: 0 });
    store.refuseReadsAfter(0, undefined);
    store.delayWrites(0);
    expect((await clusterer.flush()).failures).toBe(200);
    expect((await membership(store)).size).toBe(300);
    await store.close();
  });

  it('writes nothing of a batch while the one before it is not recorded, so a failed pass leaves at most one batch past its watermark', async () => {
    const { store } = await openStore();
    const clusterer = new FailureClusterer(store, { rowsPerBatch: 100 }, silentLogger);
    await storeAsThreeAssemblies(store, 300, 17);
    store.refuseWrites('disk full', { table: 'failure_clustering_passes' });
    await expect(clusterer.flush()).rejects.toThrow(/disk full/);
    // The first batch is stored but not recorded; the second was assigned meanwhile, but not written.
    expect((await membership(store)).size).toBe(100);
    store.refuseWrites(undefined);
    expect((await clusterer.flush()).failures).toBe(300);
    expect((await membership(store)).size).toBe(300);
    const [passes] = await store.query<{ batches: string }>('SELECT count() AS batches FROM failure_clustering_passes');
    expect(Number(passes?.batches)).toBe(3);
    await store.close();
  });

  it.each([
    ['a slice apart', { failuresPerSlice: 1 }],
    ['in one slice, a turn apart', { failuresPerTurn: 1 }],
  ])('links a correction to the mode of its episode when both are clustered in one pass, %s', async (_, assigning) => {
    const { store } = await openStore();
    const clusterer = new FailureClusterer(store, assigning, silentLogger);
    const failed = failedEpisode('e0000000000000000000000000000003');
    await storeCorpus(store, [failed]);
    await store.insert('corrections', [correctionOf(failed, 'c0000000000000000000000000000003')]);
    expect(await clusterer.flush()).toMatchObject({ failures: 2 });
    const mode = (await membership(store)).get(failed.failureId);
    expect(await correctionLinks(store)).toEqual([`${mode} c0000000000000000000000000000003`]);
    await store.close();
  });

  it('assigns a slice in turns as in one go: each failure and correction to the same mode, each mode and template written once a slice, as it ends', async () => {
    const { records } = syntheticFailures({ count: 600, seed: 19 });
    // Corrections of every ninth failed episode, a minute after it: most a turn or more apart from it.
    const corrections = records
      .filter((record, index) => record.kind === 'failure' && index % 9 === 0)
      .map((record, index) => correctionOf(record, `c${String(index).padStart(31, '0')}`));
    const storeBoth = async (store: FaultyStore) => {
      await storeCorpus(store, records);
      await store.insert('corrections', corrections);
    };
    const inOneGo = await openStore();
    await storeBoth(inOneGo.store);
    await new FailureClusterer(inOneGo.store, { failuresPerTurn: 1_000_000 }, silentLogger).flush();
    const expected = await storedState(inOneGo.store);
    await inOneGo.store.close();
    expect(expected.links.length).toBe(corrections.length);

    const inTurns = await openStore();
    await storeBoth(inTurns.store);
    const written: Record<string, string[][]> = { failure_clusters: [], failure_templates: [] };
    const insert = inTurns.store.insert.bind(inTurns.store);
    inTurns.store.insert = (table, rows) => {
      const ids = rows.map((row) =>
        String((row as { TemplateId?: string; ClusterId: string }).TemplateId ?? (row as { ClusterId: string }).ClusterId),
      );
      written[table]?.push(ids);
      return insert(table, rows);
    };
    await new FailureClusterer(inTurns.store, { failuresPerTurn: 7 }, silentLogger).flush();
    expect(await storedState(inTurns.store)).toEqual(expected);
    for (const ids of [...written.failure_clusters!, ...written.failure_templates!]) expect(new Set(ids).size).toBe(ids.length);
    await inTurns.store.close();
  });

  it('links a correction assembled a batch after its episode, though that batch is read before the episode’s is stored', async () => {
    const { store } = await openStore();
    // One row a batch: the correction's batch is read while the episode's is assigned and written.
    const clusterer = new FailureClusterer(store, { rowsPerBatch: 1 }, silentLogger);
    const failed = failedEpisode('e0000000000000000000000000000004');
    await storeCorpus(store, [failed]);
    await store.insert('corrections', [correctionOf(failed, 'c0000000000000000000000000000004')]);
    await clusterer.flush();
    const [passes] = await store.query<{ batches: string }>('SELECT count() AS batches FROM failure_clustering_passes');
    expect(Number(passes?.batches)).toBe(2);
    const mode = (await membership(store)).get(failed.failureId);
    expect(await correctionLinks(store)).toEqual([`${mode} c0000000000000000000000000000004`]);
    await store.close();
  });

  it.each([
    ['in one batch', {}],
    ['in batches, the next read ahead', { rowsPerBatch: 100 }],
  ])('loses and doubles nothing when a pass could not write: the next pass redoes it, %s', async (_, batching) => {
    const { store } = await openStore();
    const clusterer = new FailureClusterer(store, batching, silentLogger);
    await storeAsThreeAssemblies(store, 300, 14);
    store.refuseWrites('disk full');
    await expect(clusterer.flush()).rejects.toThrow(/disk full/);
    store.refuseWrites(undefined);
    expect((await clusterer.flush()).failures).toBe(300);
    expect((await membership(store)).size).toBe(300);
    await store.close();
  });
});
