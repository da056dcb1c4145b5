import type { TracerProvider } from '@opentelemetry/api';
import { AnthropicInstrumentation } from '@traceloop/instrumentation-anthropic';
import { reportFailure } from '../internal/guard.ts';
import { dig, exportedClass, snapshotMethods } from './methodSnapshot.ts';
import type { AnyClass } from './methodSnapshot.ts';

/**
 * Instruments `@anthropic-ai/sdk`. Since 0.134 the SDK traces its own calls with the globally
 * registered tracer provider (GenAI names, token usage, streams, failures): that is the best
 * maintained instrumentation there is, and patching on top of it would count every call twice, so
 * for those versions nothing is patched (the stop reason is renamed to `gen_ai.response.finish_reasons`
 * at export). Older versions get OpenLLMetry's instrumentation, pinned at
 * @traceloop/instrumentation-anthropic 0.27.0; pass the module namespace for those
 * (`import * as anthropic from '@anthropic-ai/sdk'`), as its stream support needs `APIPromise`.
 *
 * Returns the function that undoes what was patched.
 */
export function instrumentAnthropic(module: unknown, provider: TracerProvider, captureContent: boolean): () => void {
  const Anthropic = anthropicClass(module);
  const messages = dig(Anthropic, 'Messages', 'prototype');
  if (!Anthropic || !messages) throw new Error('this is not the @anthropic-ai/sdk package (Anthropic.Messages.create is missing)');
  if (tracesItself(Anthropic)) return () => undefined;

  const restore = snapshotMethods([
    [messages, 'create'],
    [dig(Anthropic, 'Completions', 'prototype'), 'create'],
    [dig(Anthropic, 'Beta', 'Messages', 'prototype'), 'create'],
  ]);
  try {
    const instrumentation = new AnthropicInstrumentation({
      enabled: false, // no require hook: we patch the class the application imported, ESM or CommonJS
      traceContent: captureContent,
      exceptionLogger: (error) => reportFailure('OpenLLMetry (anthropic)', error),
    });
    instrumentation.setTracerProvider(provider);
    const namespace = typeof module === 'object' && module !== null ? module : {};
    instrumentation.manuallyInstrument({ ...namespace, Anthropic } as unknown as Parameters<
      AnthropicInstrumentation['manuallyInstrument']
    >[0]);
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}

export function anthropicClass(module: unknown): AnyClass | undefined {
  return exportedClass(module, 'Anthropic', ['Messages', 'prototype', 'create']);
}

/** SDKs with native OpenTelemetry tracing have the `openTelemetry` option on every client. */
function tracesItself(Anthropic: AnyClass): boolean {
  return 'openTelemetry' in Anthropic.prototype;
}
