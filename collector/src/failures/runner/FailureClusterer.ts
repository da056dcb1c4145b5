import type { Logger } from '../../log/logger.ts';
import { insertSplitting } from '../../store/insertSplitting.ts';
import type { Store } from '../../store/Store.ts';
import { FailureModel, type FailureModelOptions } from '../core/FailureModel.ts';
import type { FailureRecord } from '../core/FailureRecord.ts';
import type { AssignmentBatch } from '../core/modelState.ts';
import { microsToDateTime64, nextMicros } from '../../shared/clock.ts';
import {
  correctionFailures,
  failuresOfEpisode,
  newestOf,
  toolErrorsByEpisode,
  type CorrectionReasonRow,
  type EpisodeContext,
  type FailedToolCallRow,
  type FailureEpisodeRow,
  type SafetyFlagRow,
} from './failureSources.ts';
import {
  clusterFromRow,
  clusterRow,
  eventRow,
  memberRow,
  templateFromRow,
  templateRow,
  type StoredCluster,
  type StoredTemplate,
} from './stateRows.ts';

export interface FailureClustererOptions {
  /** A timed pass leaves rows assembled in the last `settleMs` to the next one, in case their insert is still in flight. Default 2000. */
  settleMs?: number;
  /** Rows worth clustering read per batch (about one failure each); a pass reads batches until it has caught up. Default 50,000. */
  rowsPerBatch?: number;
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

/** Membership rows per insert. */
const MEMBERS_PER_INSERT = 50_000;

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
    try {
      const model = this.model ?? (await this.restore());
      const limit = this.options.rowsPerBatch ?? 50_000;
      while (upToMicros > this.watermarkMicros) {
        const started = performance.now();
        const [extent] = await this.store.named<{ rows: string; untilMicros: string }>('failure_batch_extent', {
          afterMicros: this.watermarkMicros,
          upToMicros,
          limit,
        });
        const rows = Number(extent?.rows ?? 0);
        const caughtUp = rows < limit;
        const batch = { afterMicros: this.watermarkMicros, untilMicros: caughtUp ? upToMicros : Number(extent?.untilMicros) };
        if (rows > 0) {
          const { records, episodes } = await this.readFailures(batch);
          const done = await this.write(model.assign(records), episodes, batch.untilMicros, started);
          for (const key of Object.keys(report) as Array<keyof PassReport>) report[key] += done[key];
          this.log.info('failures clustered', {
            ...done,
            clusters: model.clusterCount,
            caughtUp,
            ms: Math.round(performance.now() - started),
          });
        }
        this.watermarkMicros = batch.untilMicros;
        if (caughtUp) break;
      }
    } catch (error) {
      this.model = undefined;
      throw error;
    }
    return report;
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
   * assembled in it of episodes assembled before. Queried one after another: in parallel they
   * only compete for the same cores.
   */
  private async readFailures(batch: { afterMicros: number; untilMicros: number }): Promise<{ records: FailureRecord[]; episodes: number }> {
    const episodes = newestOf(await this.store.named<FailureEpisodeRow>('failure_episodes', batch), (row) => row.EpisodeId);
    const tools = toolErrorsByEpisode(await this.store.named<FailedToolCallRow>('failure_tool_errors', batch));
    const flags = groupByEpisode(await this.store.named<SafetyFlagRow>('failure_safety_flags', batch));
    const corrections = groupByEpisode(await this.store.named<CorrectionReasonRow>('failure_corrections', batch));
    const records: FailureRecord[] = [];
    const assembled = new Set<string>();
    for (const episode of episodes) {
      const id = episode.EpisodeId;
      assembled.add(id);
      records.push(
        ...failuresOfEpisode(episode, {
          failedTools: tools.get(id) ?? [],
          safetyFlags: flags.get(id) ?? [],
          corrections: corrections.get(id) ?? [],
        }),
      );
    }
    const corrected = await this.store.named<EpisodeContext>('failure_corrected_episodes', batch);
    const earlier = corrected.filter((episode) => !assembled.has(episode.EpisodeId));
    for (const episode of earlier) records.push(...correctionFailures(episode, corrections.get(episode.EpisodeId) ?? []));
    return { records, episodes: episodes.length + earlier.length };
  }

  /** State rows first, memberships next, the watermark last: a crash in between replays the batch, which lands the same. */
  private async write(batch: AssignmentBatch, episodes: number, watermarkMicros: number, started: number): Promise<PassReport> {
    const version = nextMicros();
    await Promise.all([
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
    const assignedAt = microsToDateTime64(nextMicros());
    // A membership the store refuses for good is set aside (logged with the reason); the others are written.
    for (let start = 0; start < batch.assignments.length; start += MEMBERS_PER_INSERT) {
      await insertSplitting(
        this.store,
        'failure_cluster_members',
        batch.assignments.slice(start, start + MEMBERS_PER_INSERT).map((assignment) => memberRow(assignment, assignedAt)),
        (row, error) =>
          this.log.warn('failure clustering set a membership aside: the store refuses it', { row, error: error.message.slice(0, 500) }),
      );
    }
    const report: PassReport = {
      episodes,
      failures: batch.assignments.length,
      clustersCreated: batch.events.filter((event) => event.event === 'created').length,
      merges: batch.events.filter((event) => event.event === 'merged_into').length,
    };
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
    return report;
  }
}

function groupByEpisode<Row extends { EpisodeId: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.EpisodeId);
    if (group) group.push(row);
    else groups.set(row.EpisodeId, [row]);
  }
  return groups;
}
