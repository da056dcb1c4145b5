import type { Logger } from '../../log/logger.ts';
import { idChunks } from '../../store/idChunks.ts';
import { insertSplitting } from '../../store/insertSplitting.ts';
import type { QueryName } from '../../store/namedQueries.ts';
import type { QueryParams, Store } from '../../store/Store.ts';
import { FailureModel, type FailureModelOptions } from '../core/FailureModel.ts';
import { inTimeOrder, type FailureRecord } from '../core/FailureRecord.ts';
import { microsToDateTime64, nextMicros } from '../../shared/clock.ts';
import { assignInTurns, correctionsAwaitingModes, type SliceAssignments } from './assignInTurns.ts';
import { BatchEpisodes } from './batchFailures.ts';
import { correctedEpisodeRows, correctionRows, episodeOutputRows, episodeRows, safetyFlagRows } from './failureRows.ts';
import type { FailureEpisodeRow } from './failureSources.ts';
import {
  clusterFromRow,
  clusterRow,
  eventRow,
  MEMBER_COLUMNS,
  memberBlock,
  templateFromRow,
  templateRow,
  type StoredCluster,
  type StoredTemplate,
} from './stateRows.ts';

export interface FailureClustererOptions {
  /** A timed pass leaves rows assembled in the last `settleMs` to the next one, in case their insert is still in flight. Default 2000. */
  settleMs?: number;
  /** Rows worth clustering per batch (about one failure each), never cutting one assembly stamp; a pass reads batches until it has caught up. Default 50,000. */
  rowsPerBatch?: number;
  /**
   * Failures assigned, then written, at a time: the model assigns the next slice while the store
   * writes the last one, so a large batch keeps the engine's threads and this one busy together.
   * Default 20,000.
   */
  failuresPerSlice?: number;
  /**
   * Failures assigned between two turns of the event loop: a slice is assigned a part at a time,
   * so the store's answers (the next batch's reads, the last slice's writes) are taken as they
   * come rather than once the slice is done. Default 2,500.
   */
  failuresPerTurn?: number;
  /**
   * Assembly stamps one plan reads at most: assembly writes a stamp per flush, so a backlog of
   * days (a first pass over an old store) is planned a part at a time. Default 10,000.
   */
  stampsPerPlan?: number;
  model?: FailureModelOptions;
}

/** What a pass did. */
export interface PassReport {
  /** Episodes read (those assembled since the watermark worth clustering, and those corrected). */
  episodes: number;
  /** Failures assigned to a cluster. */
  failures: number;
  clustersCreated: number;
  merges: number;
}

/**
 * Runs failure clustering continuously: every interval, reads the failures assembled since its
 * watermark, assigns them with the in-memory model and writes clusters, templates, events and
 * memberships, then the new watermark. A pass costs what is new; the model is restored from the
 * cluster and template tables at start (and after a failed write, so memory never runs ahead of
 * what is stored).
 */
export class FailureClusterer {
  private model: FailureModel | undefined;
  private watermarkMicros = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: FailureClustererOptions,
    private readonly log: Logger,
  ) {}

  /** One timed pass: clusters what was assembled up to a moment ago, so late spans settle first. */
  passNow(): Promise<PassReport> {
    return this.enqueue((Date.now() - (this.options.settleMs ?? 2000)) * 1000);
  }

  /** Clusters everything assembled so far (call once assembly is flushed); resolves when stored. */
  async flush(): Promise<PassReport> {
    const [latest] = await this.store.named<{ micros: string }>('failure_latest_assembly');
    return this.enqueue(Number(latest?.micros ?? 0));
  }

  /** The last pass at shutdown: clusters what is left. */
  async stop(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.log.warn('final failure clustering pass failed; the next start resumes from the last watermark', { error: String(error) });
    }
  }

  private enqueue(upToMicros: number): Promise<PassReport> {
    const pass = this.queue.then(() => this.pass(upToMicros));
    this.queue = pass.catch(() => undefined);
    return pass;
  }

  private async pass(upToMicros: number): Promise<PassReport> {
    const report: PassReport = { episodes: 0, failures: 0, clustersCreated: 0, merges: 0 };
    // The batch being recorded, and the writes of the one assigned after it: a pass that fails
    // settles both before it gives up, so the next restores its model from what is stored.
    let stored: Promise<void> = Promise.resolve();
    let writing: Promise<void> = Promise.resolve();
    try {
      const model = this.model ?? (await this.restore());
      for (;;) {
        const plan = await this.planBatches(upToMicros);
        let reading = plan.batches[0] && this.readFailures(plan.batches[0]);
        for (const [index, batch] of plan.batches.entries()) {
          const started = performance.now();
          const { records, episodes } = await reading!;
          // The next batch is read while this one is assigned and written: the engine formats its
          // results on its own threads meanwhile. Its corrections miss the memberships not stored
          // yet, but a batch reads every correction of its episodes, whenever assembled, and every
          // row of this plan was stored before it was planned (rows assembled in the last
          // `settleMs` wait for the next pass), so each correction of an episode of this plan was
          // read and linked with its episode.
          const following = plan.batches[index + 1];
          reading = following && this.readFailures(following);
          // Awaited next turn; handled now, so a throw in this turn leaves no unhandled rejection.
          reading?.catch(() => undefined);
          // Assigned while the batch before is written; its own writes start once that one is
          // recorded, so what is stored never runs more than one batch past the watermark.
          const { report: done, written } = await this.assignSlices(model, records, episodes, stored);
          writing = written;
          for (const key of Object.keys(report) as Array<keyof PassReport>) report[key] += done[key];
          await stored;
          stored = this.recordBatch(written, done, batch.untilMicros, started, {
            clusters: model.clusterCount,
            caughtUp: plan.complete && index === plan.batches.length - 1,
          });
          // Awaited next turn or below; handled now, so a failure meanwhile is not unhandled.
          stored.catch(() => undefined);
        }
        await stored;
        if (plan.complete) break;
      }
      this.watermarkMicros = Math.max(this.watermarkMicros, upToMicros);
    } catch (error) {
      this.model = undefined;
      await Promise.allSettled([stored, writing]);
      throw error;
    }
    return report;
  }

  /**
   * The batches after the watermark, planned in one read of up to `stampsPerPlan` assembly
   * stamps, in order: a batch ends at the stamp that brings it to the limit. When the read held
   * every stamp up to `upToMicros` the plan is complete and its last batch runs to `upToMicros`;
   * none when nothing new was assembled.
   */
  private async planBatches(upToMicros: number): Promise<{ batches: Batch[]; complete: boolean }> {
    if (upToMicros <= this.watermarkMicros) return { batches: [], complete: true };
    const maxStamps = this.options.stampsPerPlan ?? 10_000;
    const stamps = await this.store.named<{ micros: string; rows: string }>('failure_batch_plan', {
      afterMicros: this.watermarkMicros,
      upToMicros,
      maxStamps,
    });
    const complete = stamps.length < maxStamps;
    const limit = this.options.rowsPerBatch ?? 50_000;
    const batches: Batch[] = [];
    let afterMicros = this.watermarkMicros;
    let rows = 0;
    for (const [index, stamp] of stamps.entries()) {
      rows += Number(stamp.rows);
      const last = index === stamps.length - 1;
      if (rows < limit && !last) continue;
      const untilMicros = last && complete ? upToMicros : Number(stamp.micros);
      batches.push({ afterMicros, untilMicros });
      afterMicros = untilMicros;
      rows = 0;
    }
    return { batches, complete };
  }

  private async restore(): Promise<FailureModel> {
    const [clusters, templates, watermark] = await Promise.all([
      this.store.named<StoredCluster>('failure_mode_clusters', { clusterIds: [] }),
      this.store.named<StoredTemplate>('failure_template_state'),
      this.store.named<{ micros: string }>('failure_watermark'),
    ]);
    this.model = new FailureModel(this.options.model, {
      clusters: clusters.map(clusterFromRow),
      templates: templates.map(templateFromRow),
    });
    this.watermarkMicros = Number(watermark[0]?.micros ?? 0);
    return this.model;
  }

  /**
   * The failures of one batch: every failure of the episodes assembled in it, and the corrections
   * assembled in it of episodes assembled before. Its episodes, its corrections and the flags of
   * its flagged episodes are asked for at once; then, only when some corrections are of episodes
   * not among its own, where those ran. Each is parsed as it arrives: the episodes, by far the
   * largest, in the engine's Native format, the others as text. Asked for once the episodes were
   * read, the flags waited behind the last batch's writes.
   */
  private async readFailures(batch: Batch): Promise<{ records: FailureRecord[]; episodes: number }> {
    const [episodes, corrections, safetyFlags] = await Promise.all([
      this.store.namedNative('failure_episodes', batch).then((result) => this.withOutputs(episodeRows(result), batch)),
      this.store.namedTabSeparated('failure_corrections', batch).then(correctionRows),
      this.store.namedTabSeparated('failure_safety_flags', batch).then(safetyFlagRows),
    ]);
    const correctedEpisodes = await this.readByIds(
      'failure_corrected_episodes',
      {},
      episodes.correctedBefore(corrections),
      correctedEpisodeRows,
    );
    return episodes.failures({ safetyFlags, corrections, correctedEpisodes });
  }

  /** The rows of a read by episode id (`episodeIds`), a list small enough for one parameter at a time; none when there are no ids. */
  private async readByIds<Row>(
    name: QueryName,
    params: QueryParams,
    ids: readonly string[],
    parse: (text: string) => Row[],
  ): Promise<Row[]> {
    const rows: Row[] = [];
    for (const episodeIds of idChunks(ids))
      for (const row of parse(await this.store.namedTabSeparated(name, { ...params, episodeIds }))) rows.push(row);
    return rows;
  }

  /** The batch's episodes, once each, with the answers filled in of those that need theirs, read for those alone. */
  private async withOutputs(episodes: FailureEpisodeRow[], batch: Batch): Promise<BatchEpisodes> {
    const needing = episodes.filter((episode) => episode.NeedsOutput);
    if (needing.length > 0) {
      const rows = await this.readByIds(
        'failure_episode_outputs',
        batch,
        [...new Set(needing.map((episode) => episode.EpisodeId))],
        episodeOutputRows,
      );
      const outputs = new Map(rows.map((row) => [`${row.EpisodeId} ${row.assembledMicros}`, row.Output]));
      for (const episode of needing) episode.Output = outputs.get(`${episode.EpisodeId} ${episode.assembledMicros}`) ?? '';
    }
    return new BatchEpisodes(episodes);
  }

  /**
   * Assigns the batch slice by slice, in time order (each in turns: `assignInTurns`), each slice's
   * rows written (once `before` is stored) while the next is assigned; resolves once assigned,
   * with the writes still going. Within a slice state rows go first, memberships next.
   */
  private async assignSlices(
    model: FailureModel,
    records: readonly FailureRecord[],
    episodes: number,
    before: Promise<void>,
  ): Promise<{ report: PassReport; written: Promise<void> }> {
    const ordered = inTimeOrder(records);
    const report: PassReport = { episodes, failures: 0, clustersCreated: 0, merges: 0 };
    const writes: Array<Promise<void>> = [];
    const awaitingModes = correctionsAwaitingModes(ordered);
    const slice = this.options.failuresPerSlice ?? 20_000;
    const perTurn = this.options.failuresPerTurn ?? 2_500;
    try {
      for (let start = 0; start < ordered.length; start += slice) {
        const batch = await assignInTurns(model, ordered.slice(start, start + slice), awaitingModes, perTurn);
        report.failures += batch.assignments.length;
        report.clustersCreated += batch.events.filter((event) => event.event === 'created').length;
        report.merges += batch.events.filter((event) => event.event === 'merged_into').length;
        const written = before.then(() => this.write(batch));
        // Settled with every slice's; handled now so a failure while slices remain is not unhandled.
        written.catch(() => undefined);
        writes.push(written);
        // Let the slice's insert start before the next slice is assigned.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // The model failed part way: the slices already written settle before the pass gives up.
      await Promise.allSettled(writes);
      throw error;
    }
    const written = allSettledOrFirstFailure(writes);
    written.catch(() => undefined);
    return { report, written };
  }

  /**
   * Records a batch once every slice of it is stored: the watermark goes last, so a crash before
   * it replays the batch, which lands the same. Its duration runs from the batch's read to its
   * record, so it overlaps the batch before's.
   */
  private async recordBatch(
    written: Promise<void>,
    report: PassReport,
    watermarkMicros: number,
    started: number,
    state: { clusters: number; caughtUp: boolean },
  ): Promise<void> {
    await written;
    // Only episodes not worth clustering (the plan counts none of them, the read found none
    // corrected): nothing to record; a restart reads them again, as it did before they were planned.
    if (report.episodes === 0) {
      this.watermarkMicros = watermarkMicros;
      return;
    }
    await this.store.insert('failure_clustering_passes', [
      {
        PassAt: microsToDateTime64(nextMicros()),
        Watermark: microsToDateTime64(watermarkMicros),
        Episodes: report.episodes,
        Failures: report.failures,
        ClustersCreated: report.clustersCreated,
        Merges: report.merges,
        DurationMs: performance.now() - started,
      },
    ]);
    this.watermarkMicros = watermarkMicros;
    this.log.info('failures clustered', { ...report, ...state, ms: Math.round(performance.now() - started) });
  }

  /** One slice's state rows, then its memberships; a membership the store refuses for good is set aside (logged with the reason). */
  private async write(batch: SliceAssignments): Promise<void> {
    const version = nextMicros();
    const assignedAtMicros = nextMicros();
    await allSettledOrFirstFailure([
      this.store.insert(
        'failure_templates',
        batch.templates.map((template) => templateRow(template, version)),
      ),
      this.store.insert(
        'failure_clusters',
        batch.clusters.map((cluster) => clusterRow(cluster, version)),
      ),
      this.store.insert(
        'failure_cluster_events',
        batch.events.map((event) => eventRow(event, version)),
      ),
    ]);
    if (batch.assignments.length === 0) return;
    await insertSplitting(
      batch.assignments,
      (some) => this.store.insertNative('failure_cluster_members', MEMBER_COLUMNS, memberBlock(some, assignedAtMicros)),
      ({ record, clusterId }, error) =>
        this.log.warn('failure clustering set a membership aside: the store refuses it', {
          failureId: record.failureId,
          clusterId,
          error: error.message.slice(0, 500),
        }),
    );
  }
}

/** Once every write settled (none left landing behind a failed one), the first failure if any. */
async function allSettledOrFirstFailure(writes: ReadonlyArray<Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Batch bounds: assembly stamps in (after, until], µs since the epoch; the reads' query parameters as they are. */
type Batch = { afterMicros: number; untilMicros: number };
