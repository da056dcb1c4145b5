import { createContextKey, context } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import { GEN_AI, OUTCOMES, TRUMPETS } from '@trumpets/protocol/conventions';
import type { Outcome } from '@trumpets/protocol/conventions';
import { redactedText, setContent } from './internal/content.ts';
import { reportFailure } from './internal/guard.ts';
import { currentSettings } from './internal/settings.ts';
import { toText } from './internal/text.ts';

/** How an episode ended, as the agent sees it. (`unknown` is the collector's word for "never said".) */
export type EpisodeOutcome = Exclude<Outcome, 'unknown'>;

/** Optional parts of a score. */
export interface ScoreDetails {
  /** `gen_ai.evaluation.score.label`, e.g. `relevant`. Default: not set. */
  label?: string;
  /** `gen_ai.evaluation.explanation`: why this score (redacted like any text). Default: not set. */
  explanation?: string;
}

/** Handed to the episode's function; also reachable anywhere below it through {@link currentEpisode}. Never throws. */
export interface Episode {
  /** The episode's id: its trace id, 32 lowercase hex characters. Corrections name it. */
  readonly episodeId: string;
  /** Records what the agent answered (`trumpets.episode.output`); non-strings are stored as JSON. */
  setOutput(output: unknown): void;
  /** Overrides the outcome; without it, returning means `success` and throwing means `failure`. */
  setOutcome(outcome: EpisodeOutcome): void;
  /** Ends the episode as `escalated`: handed to a person, for this reason (`trumpets.escalation.reason`). */
  escalate(reason: string): void;
  /** Records an evaluation of the episode as a `gen_ai.evaluation.result` event, e.g. `score('helpfulness', 0.8)`. */
  score(name: string, value: number, details?: ScoreDetails): void;
  /** Marks the episode for safety review (`trumpets.safety.flag` event); flagged episodes are never sampled out. */
  flagSafety(kind: string, detail?: string): void;
}

/** Where withEpisode() puts the handle in the context. */
export const EPISODE_KEY = createContextKey('trumpets.episode');

/** The episode the calling code runs in, wherever it is below withEpisode(); undefined outside any. */
export function currentEpisode(): Episode | undefined {
  return context.active().getValue(EPISODE_KEY) as Episode | undefined;
}

const SETTABLE_OUTCOMES: ReadonlySet<string> = new Set<string>(OUTCOMES.filter((o) => o !== 'unknown'));

/** The handle of one running episode: its root span, and the outcome it has collected so far. */
export class EpisodeHandle implements Episode {
  readonly episodeId: string;
  /** Read when the episode's function settles. */
  outcome: EpisodeOutcome | undefined;

  constructor(private readonly span: Span) {
    this.episodeId = span.spanContext().traceId;
    // Bound, so destructured methods (`async ({ setOutput }) => …`) work too. Binding, not arrow
    // fields: it costs a fraction of a closure per episode.
    this.setOutput = this.setOutput.bind(this);
    this.setOutcome = this.setOutcome.bind(this);
    this.escalate = this.escalate.bind(this);
    this.score = this.score.bind(this);
    this.flagSafety = this.flagSafety.bind(this);
  }

  setOutput(output: unknown): void {
    try {
      setContent(this.span, TRUMPETS.EPISODE_OUTPUT, output);
    } catch (error) {
      reportFailure('setting the output', error);
    }
  }

  setOutcome(outcome: EpisodeOutcome): void {
    // Checked at run time too: JavaScript callers and casts can pass anything.
    if (SETTABLE_OUTCOMES.has(outcome)) this.outcome = outcome;
    else currentSettings().warn('unknown-outcome', `ignored unknown outcome ${toText(outcome)}`);
  }

  escalate(reason: string): void {
    this.outcome = 'escalated';
    try {
      this.span.setAttribute(TRUMPETS.ESCALATION_REASON, redactedText(reason));
    } catch (error) {
      reportFailure('escalating', error);
    }
  }

  score(name: string, value: number, details: ScoreDetails = {}): void {
    try {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        currentSettings().warn('bad-score', `ignored score ${toText(name)} with a value that is not a finite number`);
        return;
      }
      const attributes: Attributes = { [GEN_AI.EVALUATION_NAME]: name, [GEN_AI.EVALUATION_SCORE_VALUE]: value };
      if (details.label !== undefined) attributes[GEN_AI.EVALUATION_SCORE_LABEL] = details.label;
      if (details.explanation !== undefined) attributes[GEN_AI.EVALUATION_EXPLANATION] = redactedText(details.explanation);
      this.span.addEvent(GEN_AI.EVALUATION_RESULT_EVENT, attributes);
    } catch (error) {
      reportFailure('recording a score', error);
    }
  }

  flagSafety(kind: string, detail?: string): void {
    try {
      const attributes: Attributes = { [TRUMPETS.SAFETY_KIND]: kind };
      if (detail !== undefined) attributes[TRUMPETS.SAFETY_DETAIL] = redactedText(detail);
      this.span.addEvent(TRUMPETS.SAFETY_FLAG_EVENT, attributes);
      currentSettings().keepEpisode(this.episodeId);
    } catch (error) {
      reportFailure('flagging for safety', error);
    }
  }
}
