import type { MetricCheck } from '../regressions/checkMetrics.ts';
import { MIN_EPISODES_FOR_HARM } from '../regressions/regressionMetrics.ts';
import type { ReleasePolicy } from '@trumpets/protocol/api';
import type { ReleaseStatus } from './releaseState.ts';

export type StageDecision =
  | { kind: 'regression'; checks: MetricCheck[] }
  | { kind: 'advance'; reason: string }
  | { kind: 'extend'; reason: string }
  | { kind: 'wait' };

export interface StageInput {
  policy: ReleasePolicy;
  status: ReleaseStatus;
  checks: readonly MetricCheck[];
  candidateEpisodes: number;
  controlEpisodes: number;
  stageAgeMs: number;
}

/**
 * What the rollout watcher does with a stage at one look: a regression of a metric the policy
 * names wins; a stage advances only once its soak has passed with enough episodes on both arms;
 * a soaked stage with too little traffic is extended, never read as healthy.
 */
export function decideStage(input: StageInput): StageDecision {
  const { policy } = input;
  const deciding = input.checks.filter((check) => check.regression && policy.regressionMetrics.includes(check.metric));
  if (deciding.length > 0) return { kind: 'regression', checks: deciding };
  if (input.status !== 'rolling_out' || !policy.autoAdvance) return { kind: 'wait' };
  const soakMs = policy.soakMinutes * 60_000;
  if (input.stageAgeMs < soakMs) return { kind: 'wait' };
  const minutes = Math.round(input.stageAgeMs / 60_000);
  const sizes = `${input.candidateEpisodes} candidate and ${input.controlEpisodes} control episodes`;
  // Never fewer than the harm test needs: a stage it could not have judged is not healthy.
  const needed = Math.max(policy.minEpisodesPerVariant, MIN_EPISODES_FOR_HARM);
  if (input.candidateEpisodes < needed || input.controlEpisodes < needed)
    return {
      kind: 'extend',
      reason: `soaked ${minutes} min but has only ${sizes} (${needed} each are needed to judge it): extended`,
    };
  return { kind: 'advance', reason: `healthy after ${minutes} min with ${sizes}: no regression on ${policy.regressionMetrics.join(', ')}` };
}
