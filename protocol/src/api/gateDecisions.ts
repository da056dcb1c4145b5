/** Verdicts from best to worst: the worst one wins. */
export const VERDICTS = ['pass', 'marginal', 'inconclusive', 'fail', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * The parts of a gate decision (POST /api/proposals/:id/validations) most callers read; the
 * collector's answer carries more (per case, per metric comparison).
 */
export interface GateDecision {
  id: string;
  verdict: Verdict;
  enforced: boolean;
  reasons: string[];
  metrics: Array<{ metric: string; verdict: Verdict; decides: boolean; sentence: string }>;
  [more: string]: unknown;
}
