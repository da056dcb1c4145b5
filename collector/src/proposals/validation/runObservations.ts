import type { CaseRun } from '../../gates/comparison/caseRuns.ts';
import type { Store } from '../../store/Store.ts';

/** One reported result of a run joined with its episode, before it becomes a CaseRun. */
export interface RunObservation {
  caseId: string;
  repeat: number;
  episodeId: string;
  score: number | null;
  errorKind: '' | 'harness' | 'agent' | 'scorer';
  errorMessage: string;
  episodeFound: boolean;
  outcome: string;
  latencyMs: number;
  tokens: number;
  costUsd: number;
  safetyFlags: string[];
}

interface ObservationRow extends Omit<RunObservation, 'episodeFound' | 'tokens' | 'safetyFlags' | 'repeat'> {
  repeat: number | string;
  episodeFound: number | boolean;
  tokens: string | number;
}

export async function loadRunObservations(store: Store, runId: string): Promise<RunObservation[]> {
  const [rows, flags] = await Promise.all([
    store.named<ObservationRow>('benchmark_run_observations', { runId }),
    store.named<{ episodeId: string; kinds: string[] }>('benchmark_run_safety_flags', { runId }),
  ]);
  const flagsByEpisode = new Map(flags.map((flag) => [flag.episodeId, flag.kinds.map((kind) => kind || 'unspecified')]));
  return rows.map((row) => ({
    ...row,
    repeat: Number(row.repeat),
    episodeFound: Boolean(Number(row.episodeFound)),
    tokens: Number(row.tokens),
    safetyFlags: flagsByEpisode.get(row.episodeId) ?? [],
  }));
}

/** Results that name an episode the store does not have (yet): sampled out, lost, or still on its way. */
export function missingEpisodes(observations: readonly RunObservation[]): number {
  return observations.filter((observation) => observation.errorKind === '' && observation.episodeId !== '' && !observation.episodeFound)
    .length;
}

/**
 * Cost in US dollars when the price table priced every run that used tokens, otherwise in tokens
 * for both variants: one unit per comparison, never a mix.
 */
export function costUnitOf(observations: readonly RunObservation[]): 'USD' | 'tokens' {
  const used = observations.filter((observation) => observation.episodeFound && observation.tokens > 0);
  return used.length > 0 && used.every((observation) => observation.costUsd > 0) ? 'USD' : 'tokens';
}

/**
 * What the comparison reads. A run is unusable when the runner reported an error, when it produced
 * no episode, or when its episode never arrived. Quality is the scorer's grade, or 1 for an episode
 * that ended `success` and 0 otherwise.
 */
export function toCaseRun(observation: RunObservation, costUnit: 'USD' | 'tokens'): CaseRun {
  const base = { caseId: observation.caseId, repeat: observation.repeat, escalated: false, safetyFlags: [] };
  if (observation.errorKind !== '') return { ...base, error: { kind: observation.errorKind, message: observation.errorMessage } };
  if (observation.episodeId === '') return { ...base, error: { kind: 'harness', message: 'the runner reported no episode' } };
  if (!observation.episodeFound)
    return { ...base, error: { kind: 'missing_episode', message: `episode ${observation.episodeId} is not stored` } };
  return {
    ...base,
    quality: observation.score ?? (observation.outcome === 'success' ? 1 : 0),
    latencyMs: observation.latencyMs,
    cost: costUnit === 'USD' ? observation.costUsd : observation.tokens,
    escalated: observation.outcome === 'escalated',
    safetyFlags: observation.safetyFlags,
  };
}
