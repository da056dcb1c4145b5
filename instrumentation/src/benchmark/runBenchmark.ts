import { trace } from '@opentelemetry/api';
import { withEpisode } from '../episode.ts';
import type { Episode } from '../episodeHandle.ts';
import { currentSettings } from '../internal/settings.ts';
import type { BenchmarkResult, BenchmarkRun, RegisteredBenchmarkRun, Variant } from '@trumpets/protocol/api';
import { BENCHMARK } from '@trumpets/protocol/conventions';
import { callCollector, type CollectorConnection } from './collectorClient.ts';
import { stderrProgress, type BenchmarkProgress } from './progress.ts';
import { runPool } from './runPool.ts';
import type { Scorer } from './scorers.ts';

/** Everything the agent function gets besides the case's input. */
export interface BenchmarkRunContext {
  /** The config document to run with: the baseline's, or the baseline with the proposal's change. */
  config: unknown;
  configVersion: string;
  variant: Variant;
  caseId: string;
  repeat: number;
  tags: readonly string[];
  reference: unknown;
  /** The benchmark episode this run is recorded as: set its output, escalate, flag safety issues, score it. */
  episode: Episode;
}

export interface RunBenchmarkOptions<Output> extends CollectorConnection {
  /** The benchmark set's id, or its id and a version. Default version: the newest. */
  set: string | { id: string; version?: number };
  variant: Variant;
  /** The proposal's id: it names the agent, the baseline and the candidate config. */
  proposal: string;
  /**
   * The agent, run once per case and repeat, inside the episode the runner starts (so do not wrap
   * it in withEpisode again). Return its answer; throwing marks the run as an agent error.
   */
  agent: (input: unknown, context: BenchmarkRunContext) => Promise<Output> | Output;
  /** Runs in flight at once. Default 4. */
  concurrency?: number;
  /** Runs per case: repeats show which cases are flaky instead of hiding it in an average. Default 1. */
  repeats?: number;
  /** Grades quality. Default: none, and the episode's own outcome decides (success = 1). */
  scorer?: Scorer<Output>;
  /** Called after every finished run. Default: a line on stderr each time another 10% has finished. */
  onProgress?: (progress: BenchmarkProgress) => void;
  /** Exports the finished episodes before results are reported: pass setup()'s `forceFlush`. Default: flushes the globally registered provider. */
  flush?: () => Promise<void>;
  /** `gen_ai.workflow.name` of the episodes. Default: each case's own workflow, else `benchmark`. */
  workflow?: string;
}

/** What a finished run reports; the collector compares two of them (see requestValidation). */
export interface BenchmarkRunSummary extends Pick<
  BenchmarkRun,
  'runId' | 'proposalId' | 'agent' | 'variant' | 'configVersion' | 'setId' | 'setVersion' | 'repeats'
> {
  runs: number;
  errors: { agent: number; scorer: number };
}

const RESULTS_PER_REQUEST = 1000;

/** Without a tracer the episodes go nowhere, and every run would be wasted: the benchmark stops. */
class NoTracerError extends Error {
  override name = 'NoTracerError';
}

/**
 * Runs a frozen benchmark set through the agent as the baseline or the candidate of a proposal.
 * Registers the run with the collector (which gives the config and cases), runs every case
 * `repeats` times as an ordinary episode tagged with run, variant and case, grades each run,
 * flushes the episodes and reports the results. Needs tracing set up (setup()) so the episodes
 * reach the collector. Throws when the collector refuses the run; a case that breaks is recorded
 * as an error and the run goes on.
 */
export async function runBenchmark<Output>(options: RunBenchmarkOptions<Output>): Promise<BenchmarkRunSummary> {
  const set = typeof options.set === 'string' ? { id: options.set } : options.set;
  const repeats = options.repeats ?? 1;
  const run = await callCollector<RegisteredBenchmarkRun>(options, 'POST', '/api/benchmark-runs', {
    proposalId: options.proposal,
    variant: options.variant,
    setId: set.id,
    setVersion: set.version,
    repeats,
  });
  const work = run.cases.flatMap((benchmarkCase) => Array.from({ length: repeats }, (_, repeat) => ({ benchmarkCase, repeat })));
  const results: BenchmarkResult[] = [];
  const progress = options.onProgress ?? stderrProgress();
  let errors = 0;

  await runPool(work, options.concurrency ?? 4, async ({ benchmarkCase, repeat }) => {
    const result = await runCase(options, run, benchmarkCase, repeat);
    results.push(result);
    if (result.error) errors++;
    progress({ runId: run.runId, variant: options.variant, done: results.length, total: work.length, errors });
  });

  await (options.flush ?? flushGlobalProvider)();
  for (let start = 0; start < results.length; start += RESULTS_PER_REQUEST) {
    await callCollector(options, 'POST', `/api/benchmark-runs/${run.runId}/results`, {
      results: results.slice(start, start + RESULTS_PER_REQUEST),
    });
  }
  return {
    runId: run.runId,
    proposalId: options.proposal,
    agent: run.agent,
    variant: options.variant,
    configVersion: run.configVersion,
    setId: run.setId,
    setVersion: run.setVersion,
    repeats,
    runs: results.length,
    errors: {
      agent: results.filter((r) => r.error?.kind === 'agent').length,
      scorer: results.filter((r) => r.error?.kind === 'scorer').length,
    },
  };
}

async function runCase<Output>(
  options: RunBenchmarkOptions<Output>,
  run: RegisteredBenchmarkRun,
  benchmarkCase: RegisteredBenchmarkRun['cases'][number],
  repeat: number,
): Promise<BenchmarkResult> {
  const base = {
    caseId: benchmarkCase.caseId,
    repeat,
    episodeId: null as string | null,
    score: null as number | null,
    error: null as BenchmarkResult['error'],
  };
  let output: Output;
  try {
    output = await withEpisode(
      {
        agent: run.agent,
        workflow: options.workflow ?? (benchmarkCase.workflow || 'benchmark'),
        input: benchmarkCase.input,
        version: run.configVersion,
        attributes: {
          [BENCHMARK.RUN_ID]: run.runId,
          [BENCHMARK.VARIANT]: options.variant,
          [BENCHMARK.CASE_ID]: benchmarkCase.caseId,
          [BENCHMARK.REPEAT]: repeat,
          [BENCHMARK.SET_ID]: run.setId,
          [BENCHMARK.SET_VERSION]: run.setVersion,
          [BENCHMARK.PROPOSAL_ID]: options.proposal,
        },
      },
      async (episode) => {
        base.episodeId = episodeIdOf(episode);
        // Benchmark episodes are compared one by one: outcome-aware sampling must not drop the successes.
        currentSettings().keepEpisode(episode.episodeId);
        const context = {
          config: run.config,
          configVersion: run.configVersion,
          variant: options.variant,
          caseId: benchmarkCase.caseId,
          repeat,
          tags: benchmarkCase.tags,
          reference: benchmarkCase.reference,
          episode,
        };
        return options.agent(benchmarkCase.input, context);
      },
    );
  } catch (error) {
    if (error instanceof NoTracerError) throw error;
    return { ...base, error: { kind: 'agent', message: messageOf(error) } };
  }
  if (!options.scorer) return base;
  try {
    const score = await options.scorer({
      input: benchmarkCase.input,
      output,
      reference: benchmarkCase.reference,
      caseId: benchmarkCase.caseId,
      tags: benchmarkCase.tags,
    });
    const value = typeof score === 'boolean' ? Number(score) : score;
    if (!(typeof value === 'number' && value >= 0 && value <= 1))
      throw new Error(`the scorer returned ${String(score)}; scores run from 0 to 1`);
    return { ...base, score: value };
  } catch (error) {
    return { ...base, error: { kind: 'scorer', message: messageOf(error) } };
  }
}

function episodeIdOf(episode: Episode): string {
  if (/^0+$/.test(episode.episodeId))
    throw new NoTracerError('no tracer is set up: call setup() before runBenchmark so its episodes reach the collector');
  return episode.episodeId;
}

async function flushGlobalProvider(): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> };
  await delegate.forceFlush?.();
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2000);
}
