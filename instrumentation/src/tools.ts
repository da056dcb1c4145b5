import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import { GEN_AI, OPERATION } from '@trumpets/protocol/conventions';
import { contentText, setContent } from './internal/content.ts';
import { reportFailure } from './internal/guard.ts';
import { runInSpan } from './internal/runInSpan.ts';
import type { SpanHooks } from './internal/runInSpan.ts';

export interface ToolOptions<A extends unknown[] = unknown[]> {
  /** Record the arguments as `gen_ai.tool.call.arguments` (redacted; one argument as itself, several as a JSON array). Default: false. */
  captureArguments?: boolean;
  /** Record the result as `gen_ai.tool.call.result` (redacted). Default: false. */
  captureResult?: boolean;
  /** `gen_ai.tool.description`. Default: not set. */
  description?: string;
  /** The call's `gen_ai.tool.call.id`, e.g. the id the model gave the tool call. Default: a fresh UUID per call. */
  callId?: (...args: A) => string | undefined;
}

/** A tool as traceTool returns it: same arguments, same result, always async. */
export type TracedTool<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

/** One call of a traced tool: what to call it on and with. */
interface ToolCall<A extends unknown[], R> {
  fn: (...args: A) => R | Promise<R>;
  self: unknown;
  args: A;
}

const RECORD_RESULT: SpanHooks<unknown, unknown> = { onReturn: (span, value) => setContent(span, GEN_AI.TOOL_CALL_RESULT, value) };

/**
 * Wraps a tool so every call runs in an `execute_tool {name}` span. Arguments, `this`, the result
 * and any thrown error pass through unchanged; the error is also recorded on the span (status,
 * `error.type`, message). Arguments and result are recorded only when the options ask for it, and
 * never when setup() turned content capture off.
 */
export function traceTool<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => R | Promise<R>,
  options: ToolOptions<A> = {},
): (...args: A) => Promise<R> {
  const spanName = `${OPERATION.EXECUTE_TOOL} ${name}`;
  const hooks = (options.captureResult ? RECORD_RESULT : {}) as SpanHooks<R, ToolCall<A, R>>;
  return function tracedTool(this: unknown, ...args: A): Promise<R> {
    const call: ToolCall<A, R> = { fn, self: this, args };
    return runInSpan(spanName, { kind: SpanKind.INTERNAL, attributes: toolAttributes(name, args, options) }, callTool, call, hooks);
  };
}

/** traceTool() over each entry of an object: `const tools = traceTools({ lookupOrder, issueRefund })`. */
export function traceTools<T extends Record<string, (...args: never[]) => unknown>>(
  tools: T,
  options: ToolOptions = {},
): { [K in keyof T]: TracedTool<T[K]> } {
  const traced: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(tools)) {
    traced[name] = traceTool(name, fn as (...args: unknown[]) => unknown, options);
  }
  return traced as { [K in keyof T]: TracedTool<T[K]> };
}

function callTool<A extends unknown[], R>(_span: Span, call: ToolCall<A, R>): R | Promise<R> {
  return call.fn.apply(call.self, call.args);
}

function toolAttributes<A extends unknown[]>(name: string, args: A, options: ToolOptions<A>): Attributes {
  try {
    const attributes: Attributes = {
      [GEN_AI.OPERATION_NAME]: OPERATION.EXECUTE_TOOL,
      [GEN_AI.TOOL_NAME]: name,
      [GEN_AI.TOOL_CALL_ID]: options.callId?.(...args) ?? randomUUID(),
    };
    if (options.description !== undefined) attributes[GEN_AI.TOOL_DESCRIPTION] = options.description;
    if (options.captureArguments) {
      const text = contentText(args.length === 1 ? args[0] : args);
      if (text !== undefined) attributes[GEN_AI.TOOL_CALL_ARGUMENTS] = text;
    }
    return attributes;
  } catch (error) {
    reportFailure('reading tool options', error);
    return { [GEN_AI.OPERATION_NAME]: OPERATION.EXECUTE_TOOL, [GEN_AI.TOOL_NAME]: name };
  }
}
