/** What a scorer is given for one run of one case. */
export interface ScorerInput<Output> {
  input: unknown;
  /** What the agent function returned. */
  output: Output;
  /** The case's reference answer (a successful episode's output, a person's correction, or one given by hand); null when it has none. */
  reference: unknown;
  caseId: string;
  tags: readonly string[];
}

/**
 * Grades one run from 0 (wrong) to 1 (right); a boolean counts as 0 or 1. Without a scorer the
 * episode's own outcome decides: `success` is 1, anything else 0. A scorer that throws marks the
 * run as a scorer error, which the gate counts against the run's error budget, never as a failure.
 */
export type Scorer<Output> = (run: ScorerInput<Output>) => number | boolean | Promise<number | boolean>;

/**
 * A reference-match scorer: 1 when the output, as text, equals the reference after trimming,
 * collapsing whitespace and ignoring case; 0 otherwise, and 0 when the case has no reference.
 */
export function matchesReference<Output>(): Scorer<Output> {
  const normalise = (value: unknown) =>
    (typeof value === 'string' ? value : JSON.stringify(value)).trim().replace(/\s+/g, ' ').toLowerCase();
  return ({ output, reference }) => reference !== null && reference !== undefined && normalise(output) === normalise(reference);
}
