import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withEpisode } from './episode.ts';
import type { EpisodeOutcome } from './episodeHandle.ts';
import { spanNamed, useMemoryTracing } from './testing/useMemoryTracing.ts';
import { traceTool } from './tools.ts';

class RefundLimitExceeded extends Error {}

const refund = { agent: 'support-agent', workflow: 'refund', input: 'Refund ORD-8812 please' };

describe('withEpisode', () => {
  const tracing = useMemoryTracing();

  it('records one episode as an invoke_agent root span with the GenAI attributes', async () => {
    const result = await withEpisode(
      {
        ...refund,
        input: { orderId: 'ORD-8812', message: 'Refund please' },
        version: '1.4.0',
        releaseId: 'rel-7',
        conversationId: 'conv-1',
        attributes: { 'app.tenant': 'acme', 'gen_ai.agent.name': 'overridden?' },
      },
      (episode) => {
        episode.setOutput({ refundId: 'RF-1' });
        return episode.episodeId;
      },
    );

    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.kind).toBe(SpanKind.INTERNAL);
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.status.code).toBe(SpanStatusCode.UNSET);
    expect(root.attributes).toEqual({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support-agent',
      'gen_ai.agent.version': '1.4.0',
      'gen_ai.workflow.name': 'refund',
      'gen_ai.conversation.id': 'conv-1',
      'trumpets.release.id': 'rel-7',
      'trumpets.episode.input': '{"orderId":"ORD-8812","message":"Refund please"}',
      'trumpets.episode.output': '{"refundId":"RF-1"}',
      'trumpets.episode.outcome': 'success',
      'app.tenant': 'acme',
    });
    expect(result).toMatch(/^[0-9a-f]{32}$/);
    expect(result).toBe(root.spanContext().traceId);
  });

  it('keeps an outcome the agent set', async () => {
    await withEpisode({ ...refund, workflow: 'escalation' }, (episode) => episode.setOutcome('escalated'));
    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes['trumpets.episode.outcome']).toBe('escalated');
  });

  it('ends a throwing episode as a failure and re-throws the very same error', async () => {
    const error = new RefundLimitExceeded('amount 312.50 exceeds limit 200.00 for order ORD-8812');
    const episode = withEpisode(refund, async (ep) => {
      ep.setOutcome('escalated');
      await Promise.resolve();
      throw error;
    });

    await expect(episode).rejects.toBe(error);
    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes['trumpets.episode.outcome']).toBe('failure');
    expect(root.attributes['error.type']).toBe('RefundLimitExceeded');
    expect(root.status).toEqual({ code: SpanStatusCode.ERROR, message: error.message });
    expect(root.events).toHaveLength(1);
    expect(root.events[0]?.name).toBe('exception');
    expect(root.events[0]?.attributes).toMatchObject({
      'exception.type': 'RefundLimitExceeded',
      'exception.message': error.message,
    });
  });

  it('turns a synchronous throw or a thrown non-Error into a failure too', async () => {
    await expect(
      withEpisode(refund, () => {
        throw 'plain string';
      }),
    ).rejects.toBe('plain string');
    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes['trumpets.episode.outcome']).toBe('failure');
    expect(root.attributes['error.type']).toBe('_OTHER');
    expect(root.status.message).toBe('plain string');
  });

  it('parents tool spans to the episode across await and setTimeout', async () => {
    const lookup = traceTool('lookup_order', async (id: string) => ({ id }));
    const episodeId = await withEpisode(refund, async (episode) => {
      await lookup('ORD-1');
      await new Promise((resolve) => setTimeout(resolve, 1));
      await new Promise((resolve, reject) => setTimeout(() => lookup('ORD-2').then(resolve, reject), 1));
      return episode.episodeId;
    });

    const spans = await tracing.spans();
    const root = spanNamed(spans, 'invoke_agent support-agent');
    const tools = spans.filter((span) => span.name === 'execute_tool lookup_order');
    expect(tools).toHaveLength(2);
    for (const tool of tools) {
      expect(tool.spanContext().traceId).toBe(episodeId);
      expect(tool.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    }
  });

  it('keeps two concurrent episodes in their own traces', async () => {
    const step = traceTool('step', async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    // Interleaved: each episode's steps run while the other one is waiting.
    const run = (agent: string, delays: number[]) =>
      withEpisode({ ...refund, agent }, async (episode) => {
        for (const ms of delays) await step(ms);
        return episode.episodeId;
      });
    const [a, b] = await Promise.all([run('agent-a', [3, 1, 3]), run('agent-b', [1, 3, 1])]);

    const spans = await tracing.spans();
    expect(a).not.toBe(b);
    for (const [agent, traceId] of [
      ['agent-a', a],
      ['agent-b', b],
    ] as const) {
      const root = spanNamed(spans, `invoke_agent ${agent}`);
      const steps = spans.filter((span) => span.parentSpanContext?.spanId === root.spanContext().spanId);
      expect(steps).toHaveLength(3);
      expect(steps.every((span) => span.spanContext().traceId === traceId)).toBe(true);
    }
  });

  it('starts a new trace inside another span and links back to it', async () => {
    const outer = trace.getTracer('host-app').startSpan('POST /chat');
    const episodeId = await context.with(trace.setSpan(context.active(), outer), () => withEpisode(refund, (episode) => episode.episodeId));
    outer.end();

    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(episodeId).not.toBe(outer.spanContext().traceId);
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.links.map((link) => link.context.spanId)).toEqual([outer.spanContext().spanId]);
  });

  it('never lets its own bookkeeping break the agent', async () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const result = await withEpisode({ ...refund, input: circular }, (episode) => {
      episode.setOutput(10n);
      episode.setOutcome('done' as EpisodeOutcome);
      return 'answered';
    });

    expect(result).toBe('answered');
    const root = spanNamed(await tracing.spans(), 'invoke_agent support-agent');
    expect(root.attributes['trumpets.episode.input']).toBe('[object Object]');
    expect(root.attributes['trumpets.episode.output']).toBe('10');
    expect(root.attributes['trumpets.episode.outcome']).toBe('success');
  });
});

describe('withEpisode without setup()', () => {
  it('still runs the agent and returns its value', async () => {
    await expect(withEpisode(refund, () => 'answered')).resolves.toBe('answered');
  });
});
