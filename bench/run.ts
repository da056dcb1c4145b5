import { parseArgs } from 'node:util';
import { benchClustering, benchHeldOut } from './clustering.ts';
import { benchFullDisk } from './fullDisk.ts';
import { benchIngest, type IngestFigures } from './ingest.ts';
import { runPartInFreshProcess } from './freshProcess.ts';
import { loadLine, machineLine, verdict } from './machine.ts';
import { benchOutage } from './outage.ts';
import { benchRegressions } from './regressions.ts';
import { benchPanelQueries } from './panelQueries.ts';
import { benchSoak } from './soak.ts';
import { benchStartup } from './startup.ts';
import { benchTracer } from './tracer.ts';

/**
 * `pnpm bench`: each figure is printed beside a baseline measured in the same run, as a ratio,
 * so results compare across machines. Targets are the project's, for a 2-core machine.
 * `--panel-episodes N` sets the episode rows the panel queries run on (default 10,000,000; 0 skips them);
 * `pnpm bench --panels` runs the panel queries alone.
 * `pnpm bench --ingest` runs only the ingest part; `--profile FILE` profiles the collector's main
 * thread during the spool-on run, prints microseconds per span by stage and saves the profile.
 * `pnpm bench --soak` runs the soak instead: steady load for --minutes (default 10), RSS at start and end,
 * with the collector's JS heap limited to --heap-mb (default 256, as `trumpets start` sets it; 0: Node's default).
 * `pnpm bench --regressions` runs the regression-detection simulation instead (--days, default 1000).
 * `pnpm bench --outage` runs a store outage instead: --outage-seconds (default 300) at --rate spans/s
 * (default 10,000) with a spool budget of --spool-mb (default 256), the outage overrunning it.
 * `pnpm bench --full-disk` runs the spool on a 2 MiB volume instead: --seconds (default 30) at --rate
 * spans/s (default 20,000) of OTLP/JSON, with --kills SIGKILLs of the collector (default 0).
 * `pnpm bench --startup` times `trumpets start` to /readyz instead, from source and built (--runs, default 7).
 * `pnpm bench --clustering` runs only failure clustering (--failures N, default 100,000): in memory
 * and as a pass through the store, with the ratio and quality on four corpora; the whole run runs
 * it so, in a process of its own.
 * `pnpm bench --held-out` sends --episodes-held-out failed episodes (default 3,000) of the held-out
 * style corpus to a real `trumpets start` process per seed (--seeds, default 1,2,3) and scores its modes.
 */
const { values } = parseArgs({
  options: {
    episodes: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '16' },
    soak: { type: 'boolean', default: false },
    ingest: { type: 'boolean', default: false },
    profile: { type: 'string' },
    regressions: { type: 'boolean', default: false },
    days: { type: 'string', default: '1000' },
    minutes: { type: 'string', default: '10' },
    'heap-mb': { type: 'string', default: '256' },
    rate: { type: 'string' },
    outage: { type: 'boolean', default: false },
    'outage-seconds': { type: 'string', default: '300' },
    'spool-mb': { type: 'string', default: '256' },
    'full-disk': { type: 'boolean', default: false },
    seconds: { type: 'string', default: '30' },
    kills: { type: 'string', default: '0' },
    startup: { type: 'boolean', default: false },
    runs: { type: 'string', default: '7' },
    failures: { type: 'string', default: '100000' },
    clustering: { type: 'boolean', default: false },
    'held-out': { type: 'boolean', default: false },
    'episodes-held-out': { type: 'string', default: '3000' },
    seeds: { type: 'string', default: '1,2,3' },
    'panel-episodes': { type: 'string', default: '10000000' },
    panels: { type: 'boolean', default: false },
  },
});
const log = (line: string) => process.stdout.write(`${line}\n`);

function reportIngest(ingest: IngestFigures): void {
  const slowerBaseline = Math.min(ingest.decodeSpansPerSec, ingest.rawInsertSpansPerSec);
  const ratio = ingest.spoolOn.assembled / slowerBaseline;
  const onOff = ingest.spoolOn.stored / ingest.spoolOff.stored;
  log('');
  log(`ingest end to end, spool on (stored and assembled): ${ingest.spoolOn.assembled.toLocaleString('en')} spans/s; ${loadLine()}`);
  log(verdict('stored-and-assembled spans/s', ingest.spoolOn.assembled, '≥ 50,000', ingest.spoolOn.assembled >= 50_000));
  log(
    verdict(
      `stored and assembled / slower of decode-only and raw insert (${slowerBaseline.toLocaleString('en')})`,
      ratio,
      '≥ 0.50',
      ratio >= 0.5,
    ),
  );
  log(verdict('spool on / spool off (stored)', onOff, '≥ 0.90', onOff >= 0.9));
}

function reportClustering(clustering: Awaited<ReturnType<typeof benchClustering>>): void {
  log(
    `failure clustering: ${clustering.passPerSec.toLocaleString('en')} failures/s as a pass through the store (target ≥ 100,000, ARI ${clustering.adjustedRandIndex.toFixed(3)}; a process's first pass, over ${clustering.firstPass.failures.toLocaleString('en')} other failures as its code compiles, ${clustering.firstPass.perSec.toLocaleString('en')}), ${clustering.inMemoryPerSec.toLocaleString('en')} failures/s in memory; pass / in memory ${(clustering.passPerSec / clustering.inMemoryPerSec).toFixed(2)}`,
  );
  log(
    `  / GROUP BY exact error string (${clustering.groupByPerSec.toLocaleString('en')} failures/s): in memory ${(clustering.inMemoryPerSec / clustering.groupByPerSec).toFixed(2)}, pass ${(clustering.passPerSec / clustering.groupByPerSec).toFixed(2)}`,
  );
}

/** The Grafana panels' queries on `--panel-episodes` generated episodes, FINAL against a bare scan. */
async function panelQueries(): Promise<void> {
  const panelEpisodes = Number(values['panel-episodes']);
  if (panelEpisodes <= 0) return;
  log('');
  const { asIngested, compacted: panels } = await benchPanelQueries(panelEpisodes, log);
  const worst = (figures: typeof panels) => Math.max(...figures.map((panel) => panel.ratio)).toFixed(2);
  log('');
  log(
    `panel queries on ${panelEpisodes.toLocaleString('en')} episodes: worst FINAL / bare scan ${worst(panels)} with closed days compacted (target ≤ 2); ${worst(asIngested)} on the parts ingest left`,
  );
  const variables = [...asIngested, ...panels].filter((panel) => panel.listsLiveValues !== undefined);
  const wrong = variables.filter((panel) => !panel.listsLiveValues).length;
  log(`template variables listing exactly the live episodes' values: ${variables.length - wrong} of ${variables.length} (target: all)`);
}

if (values['held-out']) {
  const seeds = values.seeds.split(',').map(Number);
  const aris = await benchHeldOut(Number(values['episodes-held-out']), seeds, log);
  log(`held-out style through trumpets start: lowest ARI ${Math.min(...aris).toFixed(3)} over ${seeds.length} seeds (target ≥ 0.85)`);
} else if (values.clustering) {
  log(machineLine());
  const clustering = await benchClustering(Number(values.failures), log);
  log('');
  reportClustering(clustering);
} else if (values.startup) {
  await benchStartup(Number(values.runs), log);
} else if (values.panels) {
  await panelQueries();
} else if (values.soak) {
  await benchSoak(Number(values.minutes), Number(values.rate ?? 5000), Number(values['heap-mb']), log);
} else if (values.regressions) {
  benchRegressions(Number(values.days), log);
} else if (values['full-disk']) {
  await benchFullDisk({ seconds: Number(values.seconds), spansPerSecond: Number(values.rate ?? 20_000), kills: Number(values.kills) }, log);
} else if (values.outage) {
  await benchOutage(
    { outageSeconds: Number(values['outage-seconds']), spansPerSecond: Number(values.rate ?? 10_000), spoolMb: Number(values['spool-mb']) },
    log,
  );
} else if (values.ingest) {
  log(machineLine());
  reportIngest(await benchIngest(Number(values.episodes), Number(values.concurrency), log, values.profile));
} else {
  log(machineLine());
  // First, while the machine is quiet: it measures CPU per episode, which ingest's processes would disturb.
  const tracer = await benchTracer(log);
  await runPartInFreshProcess([
    '--ingest',
    '--episodes',
    values.episodes,
    '--concurrency',
    values.concurrency,
    ...(values.profile ? ['--profile', values.profile] : []),
  ]);
  const ns = (value: number) => `${Math.round(value).toLocaleString('en')} ns`;
  log(
    `tracer, CPU per episode (root + 3 tools + 1 chat span): no tracing ${ns(tracer.untracedNs)}, bare OpenTelemetry SDK ${ns(tracer.bareSdkNs)}, @trumpets/instrumentation ${ns(tracer.trumpetsNs)}`,
  );
  log(
    `  ours / bare SDK: ${tracer.trumpetsOverBareSdk.toFixed(2)} (median of per-round ratios; target ≤ 1.15); bare SDK / no tracing: ${(tracer.bareSdkNs / tracer.untracedNs).toFixed(1)}; ours / no tracing: ${(tracer.trumpetsNs / tracer.untracedNs).toFixed(1)}`,
  );
  log('');
  await runPartInFreshProcess(['--clustering', '--failures', values.failures]);
  await panelQueries();
}
