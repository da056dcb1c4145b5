/**
 * Test support: real spans recorded by the OpenTelemetry JS SDK and the request bodies its own OTLP
 * serializers make of them, so the decoder is checked against what exporters really send.
 */
import { createTraceState, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { OtlpEncoding } from '../otlp/decodeOtlpRequest.ts';

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const REMOTE_PARENT_SPAN_ID = 'eee19b7ec3c1b174';
export const LINKED_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
export const LINKED_SPAN_ID = 'b7ad6b7169203331';
export const AGENT_SPAN_ID = 'a000000000000001';
export const TOOL_SPAN_ID = 'a000000000000002';
export const SCOPE_NAME = 'support-bot-agent';

/**
 * Three spans of one trace: an agent span (remote parent, every attribute type, an event, a link,
 * an error status), its zero-length tool call, and a span from a second, unversioned scope.
 */
export function recordAgentSpans(): ReadableSpan[] {
  let nextSpanId = 0;
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'support-bot', 'deployment.environment.name': 'test' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    idGenerator: {
      generateTraceId: () => TRACE_ID,
      generateSpanId: () => `a${String(++nextSpanId).padStart(15, '0')}`,
    },
  });
  const tracer = provider.getTracer(SCOPE_NAME, '1.4.2');
  const remoteParent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: TRACE_ID,
    spanId: REMOTE_PARENT_SPAN_ID,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: createTraceState('vendor=opaque'),
  });

  const agent = tracer.startSpan(
    'invoke_agent support-bot',
    {
      kind: SpanKind.SERVER,
      startTime: [1764028800, 123456789],
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.request.temperature': 0.7,
        'gen_ai.request.stream': false,
        'app.max_safe': 9007199254740991,
        'app.offset': -42,
        'app.tags': ['triage', 'billing'],
        'app.scores': [1, 2.5],
        'app.checks': [true, false],
      },
      links: [
        {
          context: { traceId: LINKED_TRACE_ID, spanId: LINKED_SPAN_ID, traceFlags: TraceFlags.SAMPLED },
          attributes: { 'link.reason': 'retry of' },
        },
      ],
    },
    remoteParent,
  );
  agent.addEvent('gen_ai.choice', { 'gen_ai.response.finish_reason': 'stop', index: 0 }, [1764028801, 5]);
  agent.setStatus({ code: SpanStatusCode.ERROR, message: 'tool failed' });

  const tool = tracer.startSpan(
    'execute_tool search',
    { kind: SpanKind.CLIENT, startTime: [1764028800, 500000000] },
    trace.setSpan(ROOT_CONTEXT, agent),
  );
  tool.setStatus({ code: SpanStatusCode.OK });
  tool.end([1764028800, 500000000]);
  agent.end([1764028802, 987654321]);

  provider
    .getTracer('http-client')
    .startSpan('GET /search', { startTime: [1764028800, 600000000] }, trace.setSpan(ROOT_CONTEXT, tool))
    .end([1764028800, 700000000]);
  return exporter.getFinishedSpans();
}

/** The body an OTLP/HTTP exporter would POST for these spans. */
export function otlpBody(spans: ReadableSpan[], encoding: OtlpEncoding): Buffer {
  const serializer = encoding === 'json' ? JsonTraceSerializer : ProtobufTraceSerializer;
  const bytes = serializer.serializeRequest(spans);
  if (!bytes) throw new Error(`the ${encoding} serializer produced no body`);
  return Buffer.from(bytes);
}
