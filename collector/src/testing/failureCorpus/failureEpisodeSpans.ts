import type { FailureRecord } from '../../failures/core/FailureRecord.ts';
import type { TestSpan } from '../otlpRequests.ts';

const BASE_NANOS = 1_764_000_000_000_000_000n;

/**
 * One failed episode as an agent's tracer sends it: an `invoke_agent` root and, when a tool
 * failed, an `execute_tool` child, both with error status. The type travels as `error.type`, as
 * an `exception` event only, or not at all, the way different throw sites record it. `index`
 * spaces start times a millisecond apart.
 */
export function failureEpisodeSpans(record: FailureRecord, index: number): TestSpan[] {
  const traceId = record.episodeId;
  const rootId = traceId.slice(0, 16);
  const startNanos = BASE_NANOS + BigInt(index) * 1_000_000n;
  const typed = record.errorType !== '';
  const asEvent = typed && index % 3 === 0;
  const error = (attributes: Record<string, string>) =>
    typed && !asEvent ? { ...attributes, 'error.type': record.errorType } : attributes;
  const events = asEvent
    ? [{ name: 'exception', attributes: { 'exception.type': record.errorType, 'exception.message': record.text } }]
    : [];
  const spans: TestSpan[] = [
    {
      traceId,
      spanId: rootId,
      name: `invoke_agent ${record.agent}`,
      startNanos,
      attributes: error({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': record.agent,
        'gen_ai.agent.version': record.agentVersion,
        'gen_ai.workflow.name': record.workflow,
      }),
      status: { code: 2, message: record.text },
      events,
    },
  ];
  if (record.tool !== '') {
    spans.push({
      traceId,
      spanId: `${traceId.slice(16, 31)}1`,
      parentSpanId: rootId,
      name: `execute_tool ${record.tool}`,
      startNanos: startNanos + 1000n,
      attributes: error({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': record.tool }),
      status: { code: 2, message: record.text },
      events,
    });
  }
  return spans;
}
