import { randomUUID } from 'node:crypto';
import { SpanKind, context, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { traceChat } from '../chat.ts';
import { withEpisode } from '../episode.ts';
import { setup } from '../setup.ts';
import { traceTool } from '../tools.ts';

/**
 * One episode of a small agent (a root, three tool calls, one chat call) made three ways, for the
 * tracer benchmark: untraced, by hand on the bare OpenTelemetry SDK, and with this package. The
 * two traced ways make the same spans with the same attributes and export them the same way.
 */
export interface TracerWorkload {
  name: string;
  /** Sets up tracing, if any. */
  start(): void;
  /** Runs one episode. */
  episode(): Promise<string>;
  /** Flushes and takes tracing down again. */
  stop(): Promise<void>;
}

/** An exporter that accepts every batch at once, so what is measured is the tracer, not the network. */
export function discardingExporter(): SpanExporter {
  return { export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }), shutdown: async () => undefined };
}

const INPUT = 'I want a refund for ORD-8812, it arrived broken.';
const order = { id: 'ORD-8812', amount: 129.5 };
const work = {
  lookupOrder: async (id: string) => ({ ...order, id }),
  checkPolicy: async (amount: number) => amount <= 200,
  issueRefund: async (id: string) => `RF-${id.slice(4)}`,
  chat: async () => ({ text: 'refund', usage: { inputTokens: 812, outputTokens: 64 } }),
};

async function agent(tools: typeof work, chat: () => Promise<{ text: string }>): Promise<string> {
  const found = await tools.lookupOrder('ORD-8812');
  await chat();
  const eligible = await tools.checkPolicy(found.amount);
  return eligible ? `Refund ${await tools.issueRefund(found.id)} issued.` : 'Not refundable.';
}

export function untracedWorkload(): TracerWorkload {
  return { name: 'no tracing', start() {}, episode: () => agent(work, work.chat), stop: async () => undefined };
}

export function trumpetsWorkload(exporter: SpanExporter = discardingExporter()): TracerWorkload {
  const tools = {
    lookupOrder: traceTool('lookup_order', work.lookupOrder),
    checkPolicy: traceTool('check_refund_policy', work.checkPolicy),
    issueRefund: traceTool('issue_refund', work.issueRefund),
    chat: work.chat,
  };
  const chat = () => traceChat({ provider: 'openai', model: 'gpt-4o-mini' }, work.chat);
  let tracing: ReturnType<typeof setup> | undefined;
  return {
    name: '@trumpets/instrumentation',
    start: () => (tracing = setup({ exporter, serviceName: 'bench-agent', flushOnExit: false })),
    episode: () =>
      withEpisode({ agent: 'bench-agent', workflow: 'refund', input: INPUT }, async (episode) => {
        const answer = await agent(tools, chat);
        episode.setOutput(answer);
        return answer;
      }),
    stop: async () => tracing?.shutdown(),
  };
}

export function bareSdkWorkload(exporter: SpanExporter = discardingExporter()): TracerWorkload {
  let provider: BasicTracerProvider | undefined;
  let tracer: Tracer;
  const inSpan = async <T>(span: Span, fn: () => Promise<T>): Promise<T> => {
    try {
      return await context.with(trace.setSpan(context.active(), span), fn);
    } finally {
      span.end();
    }
  };
  const tool =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A) =>
      inSpan(
        tracer.startSpan(`execute_tool ${name}`, {
          kind: SpanKind.INTERNAL,
          attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name, 'gen_ai.tool.call.id': randomUUID() },
        }),
        () => fn(...args),
      );
  const tools = {
    lookupOrder: tool('lookup_order', work.lookupOrder),
    checkPolicy: tool('check_refund_policy', work.checkPolicy),
    issueRefund: tool('issue_refund', work.issueRefund),
    chat: work.chat,
  };
  const chat = () => {
    const span = tracer.startSpan('chat gpt-4o-mini', {
      kind: SpanKind.CLIENT,
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini' },
    });
    return inSpan(span, async () => {
      const reply = await work.chat();
      span.setAttribute('gen_ai.usage.input_tokens', reply.usage.inputTokens);
      span.setAttribute('gen_ai.usage.output_tokens', reply.usage.outputTokens);
      return reply;
    });
  };
  return {
    name: 'bare OpenTelemetry SDK',
    start() {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
      tracer = provider.getTracer('bench');
    },
    episode() {
      const root = tracer.startSpan('invoke_agent bench-agent', {
        kind: SpanKind.INTERNAL,
        root: true,
        attributes: {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': 'bench-agent',
          'gen_ai.workflow.name': 'refund',
          'trumpets.episode.input': INPUT,
        },
      });
      return inSpan(root, async () => {
        const answer = await agent(tools, chat);
        root.setAttribute('trumpets.episode.output', answer);
        root.setAttribute('trumpets.episode.outcome', 'success');
        return answer;
      });
    },
    async stop() {
      await provider?.shutdown();
      context.disable();
    },
  };
}
