import { SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withEpisode } from '../episode.ts';
import { spanNamed, useMemoryTracing } from '../testing/useMemoryTracing.ts';

const episode = { agent: 'support-agent', workflow: 'order_status', input: 'Where is ORD-1?' };
const SECRET = 'sk-live-0123456789abcdefghijABCD';

/** What an OpenInference-instrumented LLM call inside the episode records, secrets and all. */
function otherInstrumentationsCall(): void {
  const span = trace.getTracer('@arizeai/openinference-instrumentation-openai').startSpan('ChatCompletion', {
    attributes: {
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini',
      'llm.token_count.prompt': 50,
      'input.value': `my key is ${SECRET}`,
      'llm.input_messages.0.message.content': 'write to jane@example.com',
      'gen_ai.input.messages': `[{"role":"user","parts":[{"type":"text","content":"${SECRET}"}]}]`,
    },
  });
  span.recordException({ name: 'AuthenticationError', message: `Incorrect API key provided: ${SECRET}` });
  span.setStatus({ code: SpanStatusCode.ERROR, message: `Incorrect API key provided: ${SECRET}` });
  span.end();
}

describe('spans other instrumentations make inside an episode', () => {
  const tracing = useMemoryTracing();

  it('are kept, in the episode, with their content and error text redacted', async () => {
    const episodeId = await withEpisode(episode, (ep) => (otherInstrumentationsCall(), ep.episodeId));

    const llm = spanNamed(await tracing.spans(), 'ChatCompletion');
    expect(llm.spanContext().traceId).toBe(episodeId);
    expect(llm.attributes).toEqual({
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'gpt-4o-mini',
      'llm.token_count.prompt': 50,
      'input.value': 'my key is [REDACTED:secret]',
      'llm.input_messages.0.message.content': 'write to [REDACTED:email]',
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"[REDACTED:secret]"}]}]',
    });
    expect(llm.status.message).toBe('Incorrect API key provided: [REDACTED:secret]');
    expect(llm.events[0]?.attributes?.['exception.message']).toBe('Incorrect API key provided: [REDACTED:secret]');
  });

  it("get the conventions' finish reason when the Anthropic SDK names it its own way", async () => {
    await withEpisode(episode, () => {
      trace
        .getTracer('com.anthropic.sdk.typescript')
        .startSpan('anthropic.messages.create', {
          attributes: { 'gen_ai.operation.name': 'chat', 'anthropic.message.stop_reason': 'tool_use' },
        })
        .end();
    });
    const chat = spanNamed(await tracing.spans(), 'anthropic.messages.create');
    expect(chat.attributes['gen_ai.response.finish_reasons']).toEqual(['tool_call']);
  });
});

describe('spans other instrumentations make, with content capture off', () => {
  const tracing = useMemoryTracing({ captureContent: false });

  it('lose their content attributes and keep everything else', async () => {
    await withEpisode(episode, otherInstrumentationsCall);
    const llm = spanNamed(await tracing.spans(), 'ChatCompletion');
    expect(llm.attributes).toEqual({ 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.token_count.prompt': 50 });
  });
});
