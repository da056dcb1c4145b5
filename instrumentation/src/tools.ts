import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { GEN_AI, OPERATION } from './conventions.ts';
import { runInSpan } from './internal/runInSpan.ts';

/**
 * Wraps a tool so every call runs in an `execute_tool {name}` span with a fresh `gen_ai.tool.call.id`.
 * Arguments, `this`, the result and any thrown error pass through unchanged; the error is also
 * recorded on the span. The wrapper is async even when the tool is not.
 */
export function traceTool<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return function tracedTool(this: unknown, ...args: A): Promise<R> {
    return runInSpan(
      `${OPERATION.EXECUTE_TOOL} ${name}`,
      {
        kind: SpanKind.INTERNAL,
        attributes: {
          [GEN_AI.OPERATION_NAME]: OPERATION.EXECUTE_TOOL,
          [GEN_AI.TOOL_NAME]: name,
          [GEN_AI.TOOL_CALL_ID]: randomUUID(),
        },
      },
      () => fn.apply(this, args),
    );
  };
}
