import { VERDICTS, type Verdict } from '@trumpets/protocol/api';

/** The worst of several verdicts (VERDICTS runs from best to worst). */
export function worstOf(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, verdict) => (VERDICTS.indexOf(verdict) > VERDICTS.indexOf(worst) ? verdict : worst), 'pass');
}
