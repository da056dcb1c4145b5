import type { AddressInfo } from 'node:net';
import { createApp, finishApp } from './api/createApp.ts';
import { ConfigError, type CollectorConfig } from './config.ts';
import { EpisodeAssembler } from './episodes/EpisodeAssembler.ts';
import { loadPriceTable, type PriceTable } from './episodes/prices.ts';
import { FailureClusterer } from './failures/runner/FailureClusterer.ts';
import { createSpanIngest, type IngestPipeline } from './ingest/createSpanIngest.ts';
import type { Logger } from './log/logger.ts';
import type { SpoolFs } from './spool/spoolFs.ts';
import { CollectorMetrics } from './metrics/CollectorMetrics.ts';
import { AgentLock } from './releases/agentLock.ts';
import { RolloutWatcher } from './releases/RolloutWatcher.ts';
import { ProposalDrafter } from './proposals/drafting/ProposalDrafter.ts';
import { newestBaselineConfig } from './proposals/drafting/externalDrafter.ts';
import { createStore } from './store/createStore.ts';
import { runMigrations } from './store/migrations.ts';
import { applyRetention } from './store/retention.ts';
import { compactClosedEpisodePartitions } from './store/partitionCompaction.ts';
import { LeasedJobs } from './leasedJobs.ts';
import type { Store } from './store/Store.ts';

export interface RunningCollector {
  /** Base URL, e.g. http://127.0.0.1:4318 (OTLP traces at /v1/traces). */
  url: string;
  store: Store;
  assembler: EpisodeAssembler;
  failureClusterer: FailureClusterer;
  /** Regression detection and stage advancement, on a timer; `pass()` runs one look now. */
  rolloutWatcher: RolloutWatcher;
  proposalDrafter: ProposalDrafter;
  /** Failure clustering, rollout watching, partition compaction and proposal drafting, each run here only while this collector holds its lease. */
  jobs: LeasedJobs;
  pipeline: IngestPipeline;
  /** Stores what is spooled and assembles what is pending: after it, queries see every acknowledged span. */
  settle(): Promise<void>;
  /** Stops accepting requests, stores what is spooled, assembles what is pending, closes the store. */
  close(): Promise<void>;
}

/** The price table (TRUMPETS_PRICES_FILE over the defaults); a bad file stops the start with a message naming the variable. */
export function priceTableOf(config: Pick<CollectorConfig, 'pricesFile'>): PriceTable {
  try {
    return loadPriceTable(config.pricesFile);
  } catch (error) {
    throw new ConfigError(`invalid configuration: TRUMPETS_PRICES_FILE: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Opens the store, applies migrations, resumes assembly, then listens. `spoolFs` puts a test's faulty disk under the spool. */
export async function startCollector(config: CollectorConfig, log: Logger, given?: Store, spoolFs?: SpoolFs): Promise<RunningCollector> {
  const prices = priceTableOf(config);
  const store = given ?? (await createStore(config));
  const cluster = config.clickhouse?.cluster;
  const migrations = await runMigrations(store, undefined, { cluster });
  log.info('schema ready', { backend: store.backend, applied: migrations.applied.map((m) => `${m.version}_${m.name}`) });
  const retention = await applyRetention(store, config.retention, cluster);
  if (retention.length > 0) log.info('retention set', { tables: retention });

  const assembler = new EpisodeAssembler(
    store,
    { intervalMs: config.assemblyIntervalMs, maxSpans: config.assemblyMaxSpans, maxTextChars: config.maxTextChars, prices },
    log,
  );
  const resumed = config.roles.includes('ingest') ? await assembler.catchUp() : 0;
  if (resumed > 0) log.info('re-assembling recent traces after start', { traces: resumed });

  const failureClusterer = new FailureClusterer(store, {}, log);

  const { drafterUrl } = config.proposalDrafting;
  const proposalDrafter = new ProposalDrafter(
    store,
    {
      external: drafterUrl
        ? { url: drafterUrl, name: 'external-drafter', baselineOf: (agent) => newestBaselineConfig(store, agent) }
        : undefined,
    },
    log,
  );

  const pipeline = createSpanIngest(config, store, assembler, log, spoolFs);
  const metrics = new CollectorMetrics(pipeline, assembler, store);
  if (config.tokens.length === 0) log.warn('no TRUMPETS_TOKENS set: every route is open, which is allowed on a loopback address only');
  const releaseLock = new AgentLock();
  const rolloutWatcher = new RolloutWatcher(store, releaseLock, { registry: metrics.registry }, log);
  // The jobs that must run once per store, however many collectors share it.
  const jobs = new LeasedJobs(store, config.workerLeaseMs, log);
  if (config.roles.includes('worker'))
    jobs.start([
      {
        name: 'failure-clustering',
        intervalMs: config.failureClusteringIntervalMs,
        run: () => failureClusterer.passNow(),
        finish: () => failureClusterer.stop(),
      },
      {
        name: 'rollout-watch',
        intervalMs: config.releaseWatchIntervalMs,
        run: () => rolloutWatcher.pass(),
        finish: () => rolloutWatcher.stop(),
      },
      ...(config.partitionCompactionIntervalMs > 0
        ? [
            {
              name: 'partition-compaction',
              intervalMs: config.partitionCompactionIntervalMs,
              run: async () => {
                const compacted = await compactClosedEpisodePartitions(store, { nowMs: Date.now(), cluster });
                if (compacted.length > 0) log.info('episode partitions compacted', { partitions: compacted });
              },
            },
          ]
        : []),
      ...(config.proposalDrafting.intervalMs > 0
        ? [
            {
              name: 'proposal-drafting',
              intervalMs: config.proposalDrafting.intervalMs,
              run: () => proposalDrafter.draftNow(),
              finish: () => proposalDrafter.stop(),
            },
          ]
        : []),
    ]);
  const app = createApp({ store, pipeline, metrics, log, config, releaseLock });
  finishApp(app, log);
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  log.info('collector listening', {
    otlpTraces: `${url}/v1/traces`,
    roles: config.roles,
    backend: store.backend,
    dataDir: store.backend === 'embedded' ? config.dataDir : undefined,
  });

  return {
    url,
    store,
    assembler,
    failureClusterer,
    rolloutWatcher,
    proposalDrafter,
    jobs,
    pipeline,
    async settle() {
      await pipeline.drainer?.flush();
      await assembler.flush();
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pipeline.ingest.stop();
      await assembler.stop();
      await jobs.stop();
      await store.close();
    },
  };
}
