import type { GatePolicy, PairedCase } from '@trumpets/protocol/api';
import { gammaln } from 'simple-statistics';
import { attemptOf } from '../../gates/policy/attempts.ts';
import { effectVerdict } from '../../gates/policy/effectVerdict.ts';
import { pairedScoreInterval } from '../../stats/pairedScoreInterval.ts';

/** What the quality metric says for each possible (lost, gained) of n whole cases: validated (pass or marginal), fail, or neither. */
export interface QualityOutcomeTable {
  n: number;
  validated: (lost: number, gained: number) => boolean;
  failed: (lost: number, gained: number) => boolean;
}

/**
 * Exact, not simulated: the quality verdict for every outcome of n pass/fail cases, through the
 * same interval and rule the gate uses (pass and marginal both validate, both need the critical
 * harm ruled out).
 */
export function qualityOutcomes(n: number, policy: GatePolicy, confidence: number): QualityOutcomeTable {
  const rule = policy.metrics.quality;
  const verdicts: string[][] = [];
  for (let lost = 0; lost <= n; lost++) {
    const row: string[] = [];
    for (let gained = 0; lost + gained <= n; gained++) {
      const [lower, upper] = pairedScoreInterval({ n, lost, gained }, confidence).interval;
      // Quality is worse when lower: the harm is the interval turned round.
      const harm = { estimate: (100 * (lost - gained)) / n, lower: -100 * upper, upper: -100 * lower };
      row.push(effectVerdict(harm, rule, String).verdict);
    }
    verdicts.push(row);
  }
  const verdictOf = (lost: number, gained: number) => verdicts[lost]![gained]!;
  return {
    n,
    validated: (lost, gained) => ['pass', 'marginal'].includes(verdictOf(lost, gained)),
    failed: (lost, gained) => verdictOf(lost, gained) === 'fail',
  };
}

/** P(the outcome satisfies `predicate`) when each case is lost with probability pLost and gained with pGained, independently. */
export function probabilityOf(
  table: QualityOutcomeTable,
  pLost: number,
  pGained: number,
  predicate: (lost: number, gained: number) => boolean,
): number {
  const { n } = table;
  const logs = { lost: Math.log(pLost), gained: Math.log(pGained), same: Math.log(Math.max(0, 1 - pLost - pGained)) };
  let total = 0;
  for (let lost = 0; lost <= n; lost++)
    for (let gained = 0; lost + gained <= n; gained++) {
      if (!predicate(lost, gained)) continue;
      const same = n - lost - gained;
      const log =
        gammaln(n + 1) -
        gammaln(lost + 1) -
        gammaln(gained + 1) -
        gammaln(same + 1) +
        (lost > 0 ? lost * logs.lost : 0) +
        (gained > 0 ? gained * logs.gained : 0) +
        (same > 0 ? same * logs.same : 0);
      total += Math.exp(log);
    }
  return total;
}

/**
 * "Validate again until it decides", each attempt on fresh runs of n cases with the same true
 * rates, attempts judged at the confidence the policy gives them: the chance that the change is
 * ever validated.
 */
export function rerunUntilDecidedValidated(n: number, policy: GatePolicy, pLost: number, pGained: number): number {
  let undecided = 1;
  let validated = 0;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const table = qualityOutcomes(n, policy, attemptOf(policy, attempt).confidence);
    const pass = probabilityOf(table, pLost, pGained, table.validated);
    const fail = probabilityOf(table, pLost, pGained, table.failed);
    validated += undecided * pass;
    undecided *= 1 - pass - fail;
  }
  return validated;
}

/** Paired cases with the given numbers lost and gained, as compareQuality reads them. */
export function pairedOutcomes(n: number, lost: number, gained: number): PairedCase[] {
  const summary = (quality: number) => ({
    runs: 1,
    errors: 0,
    qualities: [quality],
    quality,
    flaky: false,
    usableRuns: 1,
    escalations: 0,
    violatedRuns: 0,
    violationKinds: [],
  });
  return Array.from({ length: n }, (_, i) => ({
    caseId: `case-${i}`,
    tags: [],
    highRisk: false,
    baseline: summary(i < lost ? 1 : i < lost + gained ? 0 : 1),
    candidate: summary(i < lost ? 0 : 1),
  }));
}
