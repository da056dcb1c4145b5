/** Verdicts from best to worst: the worst one wins. */
export const VERDICTS = ['pass', 'marginal', 'inconclusive', 'fail', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function worstOf(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, verdict) => (VERDICTS.indexOf(verdict) > VERDICTS.indexOf(worst) ? verdict : worst), 'pass');
}
