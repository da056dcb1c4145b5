/**
 * The gate's error rates with more trials than the test suite can afford; the README's figures.
 * Run: npx tsx collector/src/testing/gateSimulation/measureGate.ts (about ten minutes on two cores).
 * Exact figures enumerate every outcome; simulated ones use fixed seeds, so reruns print the same.
 */
import { gatePolicySchema, type Verdict } from '@trumpets/protocol/api';
import { DEFAULT_GATE_POLICY } from '../../gates/policy/gatePolicy.ts';
import { probabilityOf, qualityOutcomes, rerunUntilDecidedValidated } from './exactQualityLevel.ts';
import { metricOver } from './gateRates.ts';
import { decisionsOver, shareOf } from './runSimulatedGate.ts';
import type { CandidateEffect } from './simulateBenchmark.ts';

const percent = (rate: number) => `${(100 * rate).toFixed(2)}%`;
const oneAttempt = { ...DEFAULT_GATE_POLICY, maxAttempts: 1 };

console.log('Exact: quality validated (pass or marginal) with the true harm at the critical 5 points');
for (const n of [30, 100, 200]) {
  const table = qualityOutcomes(n, oneAttempt, 0.95);
  const worst = (maxGained: number) => {
    let rate = 0;
    for (let gained = 0; gained <= maxGained + 1e-9; gained += 0.0005)
      rate = Math.max(rate, probabilityOf(table, gained + 0.05, gained, table.validated));
    return rate;
  };
  console.log(
    `  n=${n}: 5% lost/0 gained ${percent(probabilityOf(table, 0.05, 0, table.validated))}; 7.75%/2.75% ${percent(probabilityOf(table, 0.0775, 0.0275, table.validated))}; ` +
      `worst over changed shares ≤ 80% ${percent(worst(0.375))}, over all ${percent(worst(0.475))}`,
  );
  const rerun = rerunUntilDecidedValidated(n, DEFAULT_GATE_POLICY, 0.0775, 0.0275);
  const unlimited = (() => {
    // Rerunning without shared attempts: every attempt at the full 95%, up to 20 attempts.
    const pass = probabilityOf(table, 0.0775, 0.0275, table.validated);
    const fail = probabilityOf(table, 0.0775, 0.0275, table.failed);
    let undecided = 1;
    let validated = 0;
    for (let attempt = 0; attempt < 20; attempt++) {
      validated += undecided * pass;
      undecided *= 1 - pass - fail;
    }
    return validated;
  })();
  console.log(
    `  n=${n}: rerun until decided, 3 attempts sharing the level: ${percent(rerun)}; 20 attempts each at 95%: ${percent(unlimited)}`,
  );
}

const policy = gatePolicySchema.parse({ resamples: 1000 });
const verdictIs = (verdict: Verdict) => (decision: { verdict: Verdict }) => decision.verdict === verdict;
const gate = (label: string, trials: number, setup: { cases: number; repeats: number; candidate?: CandidateEffect }) => {
  const decisions = decisionsOver(trials, setup, policy);
  const share = (verdict: Verdict) => percent(shareOf(decisions, verdictIs(verdict)));
  console.log(
    `  ${label} (${trials} trials): pass ${share('pass')}, marginal ${share('marginal')}, inconclusive ${share('inconclusive')}, fail ${share('fail')}`,
  );
  return decisions;
};

console.log('Simulated: the whole gate, default policy, first attempt (97.5% intervals), 1000 resamples');
gate('A/A, n=30, 1 run', 400, { cases: 30, repeats: 1 });
gate('A/A, n=100, 1 run', 200, { cases: 100, repeats: 1 });
gate('A/A, n=200, 1 run', 200, { cases: 200, repeats: 1 });
gate('A/A, n=200, 5 repeats', 200, { cases: 200, repeats: 5 });
gate('quality 5 points worse, n=200, 1 run', 200, { cases: 200, repeats: 1, candidate: { qualityDropPoints: 5 } });
gate('quality 5 points worse, n=200, 5 repeats', 200, { cases: 200, repeats: 5, candidate: { qualityDropPoints: 5 } });
gate('quality 10 points worse, n=200, 1 run', 200, { cases: 200, repeats: 1, candidate: { qualityDropPoints: 10 } });
const tail = gate('p95 +20% (slowest fifth), n=200, 1 run', 100, { cases: 200, repeats: 1, candidate: { tailSlowdown: 1.2 } });
console.log(
  `    p95 latency verdicts: ${['pass', 'marginal', 'inconclusive', 'fail'].map((v) => `${v} ${percent(shareOf(tail, (d) => d.metrics.find((m) => m.metric === 'latency_p95')!.verdict === v))}`).join(', ')}`,
);
gate('p95 +50% (slowest fifth), n=200, 1 run', 100, { cases: 200, repeats: 1, candidate: { tailSlowdown: 1.5 } });

console.log('Simulated: single metrics at 95% (one attempt), where the one-sided level is 2.5%');
const single = gatePolicySchema.parse({ resamples: 1000, maxAttempts: 1 });
for (const metric of ['latency_p95', 'cost'] as const) {
  const trials = metricOver(metric, 2000, { cases: 30, repeats: 1 }, single);
  console.log(
    `  ${metric}, A/A, n=30 (2000 trials): lower bound above 0 ${percent(shareOf(trials, (t) => t.comparison.interval[0] > 0))}, upper below 0 ${percent(shareOf(trials, (t) => t.comparison.interval[1] < 0))}`,
  );
}
const atAllowance = metricOver('cost', 1000, { cases: 200, repeats: 1, candidate: { costFactor: 1.05 } }, single);
console.log(`  cost +5% (exactly the allowance), n=200 (1000 trials): fails ${percent(shareOf(atAllowance, (t) => t.verdict === 'fail'))}`);
