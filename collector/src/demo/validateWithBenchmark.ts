import { requestValidation, runBenchmark } from '@trumpets/instrumentation/benchmark';
import { createRandom } from '../shared/random.ts';
import { answerCustomer } from './agent/supportAgent.ts';
import type { SupportConfig } from './agent/supportConfig.ts';
import type { SupportDesk } from './agent/supportDesk.ts';
import type { VirtualClock } from './agent/virtualClock.ts';
import type { Narrator } from './narrator.ts';

export interface BenchmarkValidation {
  decisionId: string;
  verdict: string;
  sentences: Array<{ metric: string; verdict: string; sentence: string }>;
}

/**
 * Runs the set as the proposal's baseline and candidate and asks the gate. What happens in a case
 * comes from its input and repeat, so both sides meet the same orders and the same carrier
 * timeouts and only the proposal's change differs; latencies are drawn per side, as run-to-run
 * noise is. Runs one at a time on one simulated timeline, so
 * each records the latency its tools simulated.
 */
export async function validateWithBenchmark(options: {
  proposalId: string;
  setId: string;
  repeats: number;
  collectorUrl: string;
  token?: string;
  flush: () => Promise<void>;
  desk: SupportDesk;
  clock: VirtualClock;
  narrator: Narrator;
  cases: number;
}): Promise<BenchmarkValidation> {
  const runs: Record<'baseline' | 'candidate', string> = { baseline: '', candidate: '' };
  for (const variant of ['baseline', 'candidate'] as const) {
    const progress = options.narrator.progress(`${variant} run`, options.cases * options.repeats);
    const summary = await options.clock.run(Date.now() - 3_600_000, () =>
      runBenchmark({
        baseUrl: options.collectorUrl,
        token: options.token,
        set: options.setId,
        variant,
        proposal: options.proposalId,
        repeats: options.repeats,
        concurrency: 1,
        flush: options.flush,
        onProgress: (done) => progress(done.done),
        // A tool error the agent does not handle is the case failing, not the harness breaking.
        agent: (input, context) =>
          answerCustomer(String(input), context.config as SupportConfig, context.episode, {
            desk: options.desk,
            clock: options.clock,
            draws: {
              faults: createRandom(`${String(input)}#${context.repeat}`),
              latency: createRandom(`${String(input)}#${context.repeat}#${context.variant}`),
            },
          }).catch((error: unknown) => {
            context.episode.setOutcome('failure');
            return `Sorry, something went wrong: ${error instanceof Error ? error.message : String(error)}`;
          }),
      }),
    );
    runs[variant] = summary.runId;
  }
  const decision = await requestValidation({
    baseUrl: options.collectorUrl,
    token: options.token,
    proposal: options.proposalId,
    baselineRunId: runs.baseline,
    candidateRunId: runs.candidate,
  });
  return {
    decisionId: decision.id,
    verdict: decision.verdict,
    sentences: decision.metrics.filter((metric) => metric.decides).map(({ metric, verdict, sentence }) => ({ metric, verdict, sentence })),
  };
}
