import { SpanKind, trace } from '@opentelemetry/api';
import type { Attributes, Context, Link, Span } from '@opentelemetry/api';
import { GEN_AI, OPERATION, TRUMPETS } from '@trumpets/protocol/conventions';
import { EPISODE_KEY, EpisodeHandle } from './episodeHandle.ts';
import type { Episode } from './episodeHandle.ts';
import { contentText } from './internal/content.ts';
import { reportFailure } from './internal/guard.ts';
import { runInSpan } from './internal/runInSpan.ts';
import type { ResolvedRelease } from './release/resolveRelease.ts';
import type { SpanHooks } from './internal/runInSpan.ts';

export interface EpisodeOptions {
  /** `gen_ai.agent.name`; also names the span `invoke_agent {agent}`. */
  agent: string;
  /** `gen_ai.workflow.name`: the workflow this request was routed to. */
  workflow: string;
  /** What the agent was asked (`trumpets.episode.input`); non-strings are stored as JSON, redacted. */
  input: unknown;
  /** `gen_ai.agent.version`. Default: not set. */
  version?: string;
  /** `trumpets.release.id`: the release (config version) this request runs. Default: not set. */
  releaseId?: string;
  /** `trumpets.release.key`: the request key a staged rollout assigned the release by. Default: not set. */
  releaseKey?: string;
  /**
   * The answer of `resolveRelease()` for this request: records `trumpets.release.id`, the rollout
   * bucket and the variant, so regression detection compares the arms. `releaseId` wins over it. Default: not set.
   */
  release?: Pick<ResolvedRelease, 'releaseId' | 'bucket' | 'variant'>;
  /** `gen_ai.conversation.id`, when the episode is one turn of a conversation. Default: not set. */
  conversationId?: string;
  /** More attributes for the root span; the names above win over these. Default: none. */
  attributes?: Attributes;
}

/** One call of withEpisode: the agent's function, and its handle once the root span exists. */
interface EpisodeRun<T> {
  fn: (episode: Episode) => Promise<T> | T;
  handle: EpisodeHandle | undefined;
}

const EPISODE_HOOKS: SpanHooks<unknown, EpisodeRun<unknown>> = {
  enter: (active: Context, span: Span, run: EpisodeRun<unknown>) => active.setValue(EPISODE_KEY, handleOf(span, run)),
  onReturn: (span, _value, run) => span.setAttribute(TRUMPETS.EPISODE_OUTCOME, run.handle?.outcome ?? 'success'),
  onThrow: (span) => span.setAttribute(TRUMPETS.EPISODE_OUTCOME, 'failure'),
};

/**
 * Runs one episode of an agent as one trace: fn runs inside the root span `invoke_agent {agent}`,
 * so tool, chat and source records made anywhere below it (across `await`, timers and promise
 * chains) belong to this episode. fn's value and errors pass through unchanged. If fn throws, the
 * episode ends as `failure` whatever outcome was set, with the error recorded on the span.
 */
export function withEpisode<T>(options: EpisodeOptions, fn: (episode: Episode) => Promise<T> | T): Promise<T> {
  const run: EpisodeRun<T> = { fn, handle: undefined };
  return runInSpan(
    `${OPERATION.INVOKE_AGENT} ${options.agent}`,
    // root: one episode is one trace, even when called inside another span (kept as a link).
    { kind: SpanKind.INTERNAL, root: true, links: parentLink(), attributes: rootAttributes(options) },
    runAgent,
    run,
    EPISODE_HOOKS as SpanHooks<T, EpisodeRun<T>>,
  );
}

function runAgent<T>(span: Span, run: EpisodeRun<T>): Promise<T> | T {
  return run.fn(handleOf(span, run));
}

function handleOf(span: Span, run: EpisodeRun<unknown>): EpisodeHandle {
  return (run.handle ??= new EpisodeHandle(span));
}

function rootAttributes(options: EpisodeOptions): Attributes {
  try {
    const attributes: Attributes = {
      ...options.attributes,
      [GEN_AI.OPERATION_NAME]: OPERATION.INVOKE_AGENT,
      [GEN_AI.AGENT_NAME]: options.agent,
      [GEN_AI.WORKFLOW_NAME]: options.workflow,
    };
    const input = contentText(options.input);
    if (input !== undefined) attributes[TRUMPETS.EPISODE_INPUT] = input;
    if (options.version !== undefined) attributes[GEN_AI.AGENT_VERSION] = options.version;
    if (options.release) {
      if (options.release.releaseId !== null) attributes[TRUMPETS.RELEASE_ID] = options.release.releaseId;
      attributes[TRUMPETS.RELEASE_BUCKET] = options.release.bucket;
      attributes[TRUMPETS.RELEASE_VARIANT] = options.release.variant;
    }
    if (options.releaseId !== undefined) attributes[TRUMPETS.RELEASE_ID] = options.releaseId;
    if (options.releaseKey !== undefined) attributes[TRUMPETS.RELEASE_KEY] = options.releaseKey;
    if (options.conversationId !== undefined) attributes[GEN_AI.CONVERSATION_ID] = options.conversationId;
    return attributes;
  } catch (error) {
    reportFailure('reading episode options', error);
    return {};
  }
}

/** The span the episode was started under, if any, as a link: the episode itself is a new trace. */
function parentLink(): Link[] | undefined {
  try {
    const parent = trace.getActiveSpan()?.spanContext();
    return parent !== undefined && trace.isSpanContextValid(parent) ? [{ context: parent }] : undefined;
  } catch (error) {
    reportFailure('linking the parent span', error);
    return undefined;
  }
}
