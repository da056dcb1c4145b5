import { SpanKind, diag, trace } from '@opentelemetry/api';
import type { Attributes, Link } from '@opentelemetry/api';
import { GEN_AI, OPERATION, OUTCOMES, TRUMPETS } from './conventions.ts';
import type { Outcome } from './conventions.ts';
import { guard } from './internal/guard.ts';
import { runInSpan } from './internal/runInSpan.ts';
import { toText } from './internal/text.ts';

/** How an episode ended, as the agent sees it. (`unknown` is the collector's word for "never said".) */
export type EpisodeOutcome = Exclude<Outcome, 'unknown'>;

const SETTABLE_OUTCOMES: ReadonlySet<string> = new Set<string>(OUTCOMES.filter((o) => o !== 'unknown'));

export interface EpisodeOptions {
  /** `gen_ai.agent.name`; also names the span `invoke_agent {agent}`. */
  agent: string;
  /** `gen_ai.workflow.name`: the workflow this request was routed to. */
  workflow: string;
  /** What the agent was asked; non-strings are stored as JSON (`trumpets.episode.input`). */
  input: unknown;
  /** `gen_ai.agent.version`. Default: not set. */
  version?: string;
  /** `trumpets.release.id`: the release (config version) this request runs. Default: not set. */
  releaseId?: string;
  /** `gen_ai.conversation.id`, when the episode is one turn of a conversation. Default: not set. */
  conversationId?: string;
  /** More attributes for the root span; the names above win over these. Default: none. */
  attributes?: Attributes;
}

/** Handed to the episode's function. */
export interface Episode {
  /** The episode's id: its trace id, 32 lowercase hex characters. */
  readonly episodeId: string;
  /** Records what the agent answered (`trumpets.episode.output`); non-strings are stored as JSON. */
  setOutput(output: unknown): void;
  /** Overrides the outcome; without it, returning means `success` and throwing means `failure`. */
  setOutcome(outcome: EpisodeOutcome): void;
}

/**
 * Runs one episode of an agent as one trace: fn runs inside the root span `invoke_agent {agent}`,
 * so tool, chat and source records made anywhere below it (across `await`) belong to this episode.
 * fn's value and errors pass through unchanged. If fn throws, the episode ends as `failure`
 * whatever outcome was set, with the error recorded on the span.
 */
export async function withEpisode<T>(options: EpisodeOptions, fn: (episode: Episode) => Promise<T> | T): Promise<T> {
  let outcome: EpisodeOutcome | undefined;
  return runInSpan(
    `${OPERATION.INVOKE_AGENT} ${options.agent}`,
    // root: one episode is one trace, even when called inside another span (kept as a link).
    {
      kind: SpanKind.INTERNAL,
      root: true,
      links: guard('linking the parent span', parentLink) ?? [],
      attributes: guard('reading episode options', () => rootAttributes(options)) ?? {},
    },
    (span) =>
      fn({
        episodeId: span.spanContext().traceId,
        setOutput: (output) => guard('setting the output', () => span.setAttribute(TRUMPETS.EPISODE_OUTPUT, toText(output))),
        setOutcome: (value) => {
          // Checked at run time too: JavaScript callers and casts can pass anything.
          if (SETTABLE_OUTCOMES.has(value)) outcome = value;
          else diag.warn(`@trumpets/instrumentation: ignored unknown outcome ${toText(value)}`);
        },
      }),
    {
      onReturn: (span) => span.setAttribute(TRUMPETS.EPISODE_OUTCOME, outcome ?? 'success'),
      onThrow: (span) => span.setAttribute(TRUMPETS.EPISODE_OUTCOME, 'failure'),
    },
  );
}

function rootAttributes(options: EpisodeOptions): Attributes {
  const attributes: Attributes = {
    ...options.attributes,
    [GEN_AI.OPERATION_NAME]: OPERATION.INVOKE_AGENT,
    [GEN_AI.AGENT_NAME]: options.agent,
    [GEN_AI.WORKFLOW_NAME]: options.workflow,
    [TRUMPETS.EPISODE_INPUT]: toText(options.input),
  };
  if (options.version !== undefined) attributes[GEN_AI.AGENT_VERSION] = options.version;
  if (options.releaseId !== undefined) attributes[TRUMPETS.RELEASE_ID] = options.releaseId;
  if (options.conversationId !== undefined) attributes[GEN_AI.CONVERSATION_ID] = options.conversationId;
  return attributes;
}

function parentLink(): Link[] {
  const parent = trace.getActiveSpan()?.spanContext();
  return parent !== undefined && trace.isSpanContextValid(parent) ? [{ context: parent }] : [];
}
