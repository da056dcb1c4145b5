import OpenAI from 'openai';
import * as openaiModule from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEpisode } from '../episode.ts';
import { startFakeLlmServer } from '../testing/fakeLlmServer.ts';
import type { FakeLlmServer } from '../testing/fakeLlmServer.ts';
import { useMemoryTracing } from '../testing/useMemoryTracing.ts';
import { instrumentLlmClients } from './instrumentLlmClients.ts';

let server: FakeLlmServer;
beforeAll(async () => (server = await startFakeLlmServer()));
afterAll(() => server.close());

describe('instrumentLlmClients', () => {
  const tracing = useMemoryTracing();

  it('never throws for something that is not an LLM client package, and says so once', () => {
    const instrumentation = instrumentLlmClients({ openai: {}, anthropic: 42 });
    instrumentation.uninstrument();
    expect(tracing.warnings).toEqual([
      expect.stringMatching(/instrumenting openai failed \(this is not the openai package/),
      expect.stringMatching(/instrumenting @anthropic-ai\/sdk failed \(this is not the @anthropic-ai\/sdk package/),
    ]);
  });

  it('instruments a package once, however it is passed, so no call is counted twice', async () => {
    const first = instrumentLlmClients({ openai: OpenAI }, { tracerProvider: tracing.handle().tracerProvider });
    const second = instrumentLlmClients({ openai: openaiModule }, { tracerProvider: tracing.handle().tracerProvider });
    try {
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseUrl, maxRetries: 0 });
      await withEpisode({ agent: 'a', workflow: 'w', input: 'hi' }, () =>
        client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      );
    } finally {
      second.uninstrument();
      first.uninstrument();
    }
    const chats = (await tracing.spans()).filter((span) => span.attributes['gen_ai.operation.name'] === 'chat');
    expect(chats).toHaveLength(1);
    expect(tracing.warnings).toEqual([expect.stringMatching(/openai is already instrumented/)]);
  });
});
