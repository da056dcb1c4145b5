import { SpanKind } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { GEN_AI, TRUMPETS } from '@trumpets/protocol/conventions';
import { contentText, redactedText } from './internal/content.ts';
import { guard } from './internal/guard.ts';
import { endSpan, startSpan } from './internal/runInSpan.ts';
import { currentSettings } from './internal/settings.ts';
import { toText } from './internal/text.ts';

/** What a person said the agent should have answered. */
export interface Correction {
  /** The answer the agent should have given (`trumpets.correction.output`; content: redacted, left out when capture is off). */
  correctedOutput: unknown;
  /** Why the answer was wrong (`trumpets.correction.reason`, redacted). */
  reason: string;
  /** Who corrected it, e.g. a reviewer's id (`trumpets.correction.author`). */
  author: string;
}

const EPISODE_ID = /^[0-9a-f]{32}$/;

/**
 * Sends a human correction of an episode, from this process or any other, at any time after the
 * episode: a small trace of its own whose span names the episode (`trumpets.correction.episode_id`)
 * and carries a `gen_ai.evaluation.result` event. In the episode's own process it also keeps the
 * episode when successes are sampled. Never throws; an id that is not an episode id is ignored with a warning.
 */
export function recordCorrection(episodeId: string, correction: Correction): void {
  guard('recording a correction', () => {
    const id = String(episodeId).toLowerCase();
    if (!EPISODE_ID.test(id)) {
      currentSettings().warn('bad-episode-id', `ignored a correction for ${toText(episodeId)}: an episode id is 32 hex characters`);
      return;
    }
    const attributes: Attributes = {
      [TRUMPETS.CORRECTION_EPISODE_ID]: id,
      [TRUMPETS.CORRECTION_REASON]: redactedText(correction.reason),
      [TRUMPETS.CORRECTION_AUTHOR]: toText(correction.author),
    };
    const output = contentText(correction.correctedOutput);
    if (output !== undefined) attributes[TRUMPETS.CORRECTION_OUTPUT] = output;
    const span = startSpan(TRUMPETS.CORRECTION_SPAN, { kind: SpanKind.INTERNAL, root: true, attributes });
    span.addEvent(GEN_AI.EVALUATION_RESULT_EVENT, {
      [GEN_AI.EVALUATION_NAME]: TRUMPETS.CORRECTION_EVALUATION,
      [GEN_AI.EVALUATION_EXPLANATION]: attributes[TRUMPETS.CORRECTION_REASON],
    });
    endSpan(span);
    currentSettings().keepEpisode(id);
  });
}
