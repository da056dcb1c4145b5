import { trace } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/api';
import { guard, reportFailure } from '../internal/guard.ts';
import { currentSettings } from '../internal/settings.ts';
import { anthropicClass, instrumentAnthropic } from './anthropic.ts';
import { instrumentOpenAI, openAIClass } from './openai.ts';

/**
 * The LLM client packages to instrument, as the application imported them: the default export
 * (`import OpenAI from 'openai'`), the module namespace (`import * as openai from 'openai'`) or
 * `require('openai')`. Passing them, rather than hooking module loading, works the same from ESM
 * and CommonJS and needs no `--import` flag.
 */
export interface LlmClientModules {
  /** The `openai` package (4–6 on Node 20; 7 on Node 22). */
  openai?: unknown;
  /** The `@anthropic-ai/sdk` package. */
  anthropic?: unknown;
}

export interface LlmInstrumentationOptions {
  /** Provider of the chat spans. Default: the globally registered one (setup() passes its own). */
  tracerProvider?: TracerProvider;
  /** Record prompts and completions (redacted). Default: what setup() configured, else true. */
  captureContent?: boolean;
}

export interface LlmInstrumentation {
  /** Puts the clients back as they were. */
  uninstrument(): void;
}

const instrumented = new WeakSet<object>();

/**
 * Makes every chat call of these clients a `chat` span inside the current episode, with model,
 * token usage and finish reason, streaming included. Never throws: a package it cannot instrument
 * is reported once and left as it is. setup({ llmClients }) calls this for you.
 */
export function instrumentLlmClients(modules: LlmClientModules, options: LlmInstrumentationOptions = {}): LlmInstrumentation {
  const provider = options.tracerProvider ?? trace.getTracerProvider();
  const captureContent = options.captureContent ?? currentSettings().captureContent;
  const undo: Array<() => void> = [];
  const apply = (name: string, classOf: typeof openAIClass, module: unknown, instrument: typeof instrumentOpenAI): void => {
    if (module === undefined || module === null) return;
    // Keyed by the class, so passing the namespace once and the default export later is caught too.
    const key: object = classOf(module) ?? (module as object);
    if (instrumented.has(key)) {
      currentSettings().warn(`instrumented-twice:${name}`, `${name} is already instrumented; instrumenting it again was skipped`);
      return;
    }
    try {
      const restore = instrument(module, provider, captureContent);
      instrumented.add(key);
      undo.push(() => {
        restore();
        instrumented.delete(key);
      });
    } catch (error) {
      reportFailure(`instrumenting ${name}`, error);
    }
  };
  apply('openai', openAIClass, modules.openai, instrumentOpenAI);
  apply('@anthropic-ai/sdk', anthropicClass, modules.anthropic, instrumentAnthropic);
  return {
    uninstrument: () => {
      for (const restore of undo.splice(0).reverse()) guard('uninstrumenting an LLM client', restore);
    },
  };
}
