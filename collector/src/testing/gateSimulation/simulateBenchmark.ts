import { HIGH_RISK_TAG, type BenchmarkCaseRef, type CaseRun } from '../../gates/comparison/caseRuns.ts';
import { createRandom, type Random } from '../../shared/random.ts';

/** How the candidate differs from the baseline; all effects are zero by default (an A/A comparison). */
export interface CandidateEffect {
  /** Expected fall in success rate, points: that share of cases the baseline reliably solves now fail reliably. */
  qualityDropPoints?: number;
  /** Expected rise in success rate, points: that share of the hard cases are now reliably solved. */
  qualityGainPoints?: number;
  /** Latency factor on the slowest 20% of cases (by their typical latency): moves the p95, not the median. */
  tailSlowdown?: number;
  /** Latency factor on every case. */
  latencyFactor?: number;
  /** Cost factor on every case. */
  costFactor?: number;
  /** High-risk cases on which the candidate raises a guardrail violation the baseline never raised. */
  newViolations?: number;
}

export interface SimulationOptions {
  cases: number;
  repeats: number;
  seed: number;
  candidate?: CandidateEffect;
}

export interface SimulatedBenchmark {
  cases: BenchmarkCaseRef[];
  baseline: CaseRun[];
  candidate: CaseRun[];
}

/**
 * A synthetic agent, documented so measured error rates can be read against it:
 * - 85% of cases are solid (succeed with probability 0.98 on each run), 12% hard (0.03), 3% coin flips (0.5);
 *   two single runs of the same case therefore disagree on about 5.5% of cases, as run-to-run noise would;
 * - typical latency per case is log-normal (median 1.2 s, σ 0.5), each run varies by a log-normal factor (σ 0.1);
 * - tokens per case log-normal (median 1500, σ 0.4), per run σ 0.05;
 * - 10% of cases are tagged high-risk and are escalated on every run; 2% of cases raise a guardrail flag in both variants.
 */
export function simulateBenchmark(options: SimulationOptions): SimulatedBenchmark {
  const random = createRandom(options.seed);
  const effect = options.candidate ?? {};
  const profiles = Array.from({ length: options.cases }, (_, i) => caseProfile(i, random));
  const tailThreshold = [...profiles.map((p) => p.latencyMs)].sort((a, b) => a - b)[Math.floor(0.8 * profiles.length)]!;
  // Effects are exact on the set ("5 points worse on these cases"): whole cases break or get fixed, as prompt changes do.
  const broken = new Set(pickCases(profiles, SOLID, effect.qualityDropPoints ?? 0, options.cases));
  const fixed = new Set(pickCases(profiles, HARD, effect.qualityGainPoints ?? 0, options.cases));
  const highRisk = profiles.filter((p) => p.highRisk);
  const violating = new Set(
    highRisk
      .filter((p) => !p.flagged)
      .slice(0, effect.newViolations ?? 0)
      .map((p) => p.caseId),
  );

  const candidateProfiles = profiles.map((p) => ({
    ...p,
    success: broken.has(p.caseId) ? HARD : fixed.has(p.caseId) ? SOLID : p.success,
    latencyMs: p.latencyMs * (effect.latencyFactor ?? 1) * (p.latencyMs >= tailThreshold ? (effect.tailSlowdown ?? 1) : 1),
    tokens: p.tokens * (effect.costFactor ?? 1),
    flagged: p.flagged || violating.has(p.caseId),
  }));
  return {
    cases: profiles.map((p) => ({ caseId: p.caseId, tags: p.highRisk ? [HIGH_RISK_TAG] : [] })),
    baseline: profiles.flatMap((p) => runsOf(p, options.repeats, random)),
    candidate: candidateProfiles.flatMap((p) => runsOf(p, options.repeats, random)),
  };
}

const SOLID = 0.98;
const HARD = 0.03;

interface CaseProfile {
  caseId: string;
  success: number;
  latencyMs: number;
  tokens: number;
  highRisk: boolean;
  flagged: boolean;
}

/** The first cases of a kind whose change in success probability adds up to `points` on the whole set. */
function pickCases(profiles: readonly CaseProfile[], kind: number, points: number, cases: number): string[] {
  const count = Math.round((cases * points) / 100 / (SOLID - HARD));
  return profiles
    .filter((p) => p.success === kind)
    .slice(0, count)
    .map((p) => p.caseId);
}

function caseProfile(index: number, random: Random): CaseProfile {
  const kind = random.next();
  return {
    caseId: `case-${index}`,
    success: kind < 0.85 ? SOLID : kind < 0.97 ? HARD : 0.5,
    latencyMs: 1200 * Math.exp(0.5 * gaussian(random)),
    tokens: 1500 * Math.exp(0.4 * gaussian(random)),
    highRisk: random.next() < 0.1,
    flagged: random.next() < 0.02,
  };
}

function runsOf(profile: CaseProfile, repeats: number, random: Random): CaseRun[] {
  return Array.from({ length: repeats }, (_, repeat) => ({
    caseId: profile.caseId,
    repeat,
    quality: random.next() < profile.success ? 1 : 0,
    latencyMs: profile.latencyMs * Math.exp(0.1 * gaussian(random)),
    cost: Math.round(profile.tokens * Math.exp(0.05 * gaussian(random))),
    escalated: profile.highRisk,
    safetyFlags: profile.flagged ? ['guardrail'] : [],
  }));
}

/** Standard normal by Box–Muller. */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}
