/** Settings every paired comparison shares. */
export interface ComparisonOptions {
  /** Two-sided confidence of every interval, e.g. 0.99. */
  confidence: number;
  /** Bootstrap resamples per interval. */
  resamples: number;
  /** Seed of the bootstrap's random source: the same seed recomputes the same decision. */
  seed: string;
  /** What `CaseRun.cost` is measured in: US dollars when every run was priced, otherwise tokens. Default tokens. */
  costUnit?: 'USD' | 'tokens';
}
