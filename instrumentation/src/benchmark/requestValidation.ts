import type { EpisodesMissing, GateDecision, ValidationRequest } from '@trumpets/protocol/api';
import { CollectorApiError, callCollector, type CollectorConnection } from './collectorClient.ts';

export interface RequestValidationOptions extends CollectorConnection {
  proposal: string;
  baselineRunId: string;
  candidateRunId: string;
  /** How long to wait for the runs' episodes to be stored before deciding without the missing ones (they count as errors). Default 30000 ms. */
  waitForEpisodesMs?: number;
}

/**
 * Asks the collector to compare a proposal's baseline and candidate runs and decide. Episodes reach
 * the collector a moment after they are exported, so while some are missing it waits and asks
 * again, then decides without them once `waitForEpisodesMs` has passed.
 */
export async function requestValidation(options: RequestValidationOptions): Promise<GateDecision> {
  const deadline = Date.now() + (options.waitForEpisodesMs ?? 30_000);
  const body: ValidationRequest = { baselineRunId: options.baselineRunId, candidateRunId: options.candidateRunId };
  const path = `/api/proposals/${options.proposal}/validations`;
  for (;;) {
    try {
      return await callCollector<GateDecision>(options, 'POST', path, { ...body, allowMissingEpisodes: Date.now() >= deadline });
    } catch (error) {
      if (!(error instanceof CollectorApiError) || error.status !== 409 || error.body.missingEpisodes === undefined) throw error;
      const missing = error.body as Partial<EpisodesMissing>;
      const waitMs = Math.min(Math.max(0, deadline - Date.now()), 1000 * Number(missing.retryAfterSeconds ?? 1));
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
