import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { FakeLlmServer } from './fakeLlmServer.ts';

/** The real SDK packages, and clients of them that talk to a fake LLM server. */
export interface FakeLlmClients {
  /** What setup({ llmClients }) is given. */
  modules: { openai: typeof OpenAI; anthropic: typeof Anthropic };
  /** Create clients after setup(): the Anthropic SDK picks up the tracer provider when a client is made. */
  openai(): OpenAI;
  anthropic(): Anthropic;
}

/**
 * For tests in other workspace packages, which do not depend on the SDKs themselves. The SDKs
 * load only when asked for, so the rest of `./testing` works where they are not installed.
 */
export async function fakeLlmClients(server: FakeLlmServer): Promise<FakeLlmClients> {
  const [{ default: OpenAI }, { default: Anthropic }] = await Promise.all([import('openai'), import('@anthropic-ai/sdk')]);
  return {
    modules: { openai: OpenAI, anthropic: Anthropic },
    openai: () => new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseUrl, maxRetries: 0 }),
    anthropic: () => new Anthropic({ apiKey: 'test', baseURL: server.anthropicBaseUrl, maxRetries: 0 }),
  };
}
