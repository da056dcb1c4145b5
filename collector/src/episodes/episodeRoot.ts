import { GEN_AI } from '@trumpets/protocol/conventions';
import { agentNameOf, roleOf, runNameOf } from './frameworks/readSpan.ts';
import type { StoredSpan } from './storedSpan.ts';

/**
 * The episode's root: the outermost agent span (an agent span under another agent span is a
 * sub-agent: it belongs to the episode, it does not start one); the trace's root when several
 * agents run side by side under it. A trace with no agent span (a
 * LangChain chain, AI SDK 6 calls) is an episode when it holds LLM or tool work: its root span is
 * the episode's root. A trace with neither (a plain HTTP request) is not an episode, and neither is
 * one whose root has not arrived yet: it is assembled again when it does.
 */
export function findEpisodeRoot(spans: readonly StoredSpan[]): StoredSpan | undefined {
  const byId = new Map(spans.map((span) => [span.SpanId, span]));
  const outermostAgents = spans.filter((span) => roleOf(span) === 'agent' && !hasAgentAncestor(span, byId));
  const traceRoot = earliest(spans.filter((span) => span.ParentSpanId === ''));
  // Several agents side by side (a crew, a workflow of agents) are one episode: the trace's.
  if (outermostAgents.length > 1 && traceRoot) return traceRoot;
  if (outermostAgents.length > 0) return earliest(outermostAgents);
  return spans.some((span) => WORK_ROLES.has(roleOf(span))) ? traceRoot : undefined;
}

export interface EpisodeIdentity {
  agent: string;
  workflow: string;
}

/**
 * Who ran the episode: the agent name on the root; else the outermost span that names an agent (the
 * OpenAI Agents SDK's workflow root has its agent one level down, which makes the root's name the
 * workflow's); else the run's own name (an AI SDK function id, a chain or graph), on the root or
 * the outermost span below it that has one (a user's own span around AI SDK calls); else the service.
 */
export function episodeIdentity(root: StoredSpan, spans: readonly StoredSpan[]): EpisodeIdentity {
  const workflow = root.SpanAttributes[GEN_AI.WORKFLOW_NAME];
  const own = agentNameOf(root);
  if (own) return { agent: own, workflow: workflow ?? '' };
  const named = outermost(root, spans, agentNameOf);
  if (named) return { agent: named, workflow: workflow ?? runNameOf(root) ?? '' };
  return { agent: runNameOf(root) ?? outermost(root, spans, runNameOf) ?? root.ServiceName, workflow: workflow ?? '' };
}

const WORK_ROLES: ReadonlySet<string> = new Set(['llm', 'tool']);

/** The name the outermost span below the root answers (the earliest of those at the same depth). */
function outermost(root: StoredSpan, spans: readonly StoredSpan[], nameOf: (span: StoredSpan) => string | undefined): string | undefined {
  const byId = new Map(spans.map((span) => [span.SpanId, span]));
  let best: { name: string; depth: number; span: StoredSpan } | undefined;
  for (const span of spans) {
    if (span === root) continue;
    const name = nameOf(span);
    if (!name) continue;
    const depth = depthOf(span, byId);
    if (!best || depth < best.depth || (depth === best.depth && earlier(span, best.span))) best = { name, depth, span };
  }
  return best?.name;
}

function depthOf(span: StoredSpan, byId: Map<string, StoredSpan>): number {
  const seen = new Set<string>([span.SpanId]);
  let depth = 0;
  let parent = byId.get(span.ParentSpanId);
  while (parent && !seen.has(parent.SpanId)) {
    depth += 1;
    seen.add(parent.SpanId);
    parent = byId.get(parent.ParentSpanId);
  }
  return depth;
}

function hasAgentAncestor(span: StoredSpan, byId: Map<string, StoredSpan>): boolean {
  const seen = new Set<string>();
  let parent = byId.get(span.ParentSpanId);
  while (parent && !seen.has(parent.SpanId)) {
    if (roleOf(parent) === 'agent') return true;
    seen.add(parent.SpanId);
    parent = byId.get(parent.ParentSpanId);
  }
  return false;
}

function earliest(spans: readonly StoredSpan[]): StoredSpan | undefined {
  let first: StoredSpan | undefined;
  for (const span of spans) if (!first || earlier(span, first)) first = span;
  return first;
}

function earlier(a: StoredSpan, b: StoredSpan): boolean {
  return BigInt(a.StartTimeUnixNano) < BigInt(b.StartTimeUnixNano);
}
