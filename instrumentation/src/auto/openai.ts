import { trace } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/api';
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import { guard, reportFailure } from '../internal/guard.ts';
import { recordError } from '../internal/runInSpan.ts';
import { TRACER_NAME } from '../internal/settings.ts';
import { dig, exportedClass, snapshotMethods } from './methodSnapshot.ts';
import type { AnyClass } from './methodSnapshot.ts';
import { traceOpenAIStream } from './openaiStream.ts';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Instruments the `openai` package (4–6; 7 where Node 22 runs it: the shapes it relies on are the
 * same) by composing OpenLLMetry's instrumentation, pinned at @traceloop/instrumentation-openai
 * 0.27.0, which names non-streamed calls well (GenAI conventions, messages, tool definitions, the
 * Responses API, images). Where 0.27 falls short we add a layer, rather than patch by hand:
 *
 * - A call that fails never ends its span (0.27 only handles success), so failed LLM calls would be
 *   missing from the episode. A wrapper below it ends the active (OpenLLMetry's) span on failure.
 * - A streamed chat call returns a bare async generator instead of the SDK's Stream, which breaks
 *   `stream.controller`, `tee()`, `toReadableStream()` and the SDK's own `chat.completions.stream()`;
 *   it also ignores the usage chunk and leaves the span open when the stream fails or the caller
 *   stops early. A wrapper above it sends streamed chat calls to our own span (openaiStream.ts).
 *
 * Returns the function that puts every patched method back as it was.
 */
export function instrumentOpenAI(module: unknown, provider: TracerProvider, captureContent: boolean): () => void {
  const OpenAI = openAIClass(module);
  const chat = dig(OpenAI, 'Chat', 'Completions', 'prototype') as { create: Method } | undefined;
  if (!OpenAI || !chat) throw new Error('this is not the openai package (OpenAI.Chat.Completions.create is missing)');
  const completions = dig(OpenAI, 'Completions', 'prototype') as { create?: Method } | undefined;
  const responses = dig(OpenAI, 'Responses', 'prototype') as { create?: Method } | undefined;
  const images = dig(OpenAI, 'Images', 'prototype');
  const restore = snapshotMethods([
    [chat, 'create'],
    [completions, 'create'],
    [responses, 'create'],
    [images, 'generate'],
    [images, 'edit'],
    [images, 'createVariation'],
  ]);
  try {
    const rawChatCreate = chat.create;
    endSpanOnFailure(chat);
    endSpanOnFailure(completions);
    // OpenLLMetry ends the span of a failed streamed Responses call itself.
    endSpanOnFailure(responses, { exceptStreams: true });

    const instrumentation = new OpenAIInstrumentation({
      enabled: false, // no require hook: we patch the classes the application imported, ESM or CommonJS
      traceContent: captureContent,
      exceptionLogger: (error) => reportFailure('OpenLLMetry (openai)', error),
    });
    instrumentation.setTracerProvider(provider);
    instrumentation.manuallyInstrument(OpenAI);

    const composed = chat.create;
    const tracer = provider.getTracer(TRACER_NAME);
    chat.create = function create(this: unknown, ...args: unknown[]): unknown {
      const streamed = (args[0] as { stream?: unknown } | undefined)?.stream === true;
      return streamed ? traceOpenAIStream(rawChatCreate, this, args, tracer) : composed.apply(this, args);
    };
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}

export function openAIClass(module: unknown): AnyClass | undefined {
  return exportedClass(module, 'OpenAI', ['Chat', 'Completions', 'prototype', 'create']);
}

/** Below OpenLLMetry's wrapper: when the request fails, record it on the span that wrapper made active, and end it. */
function endSpanOnFailure(owner: { create?: Method } | undefined, options: { exceptStreams?: boolean } = {}): void {
  const original = owner?.create;
  if (!owner || typeof original !== 'function') return;
  owner.create = function create(this: unknown, ...args: unknown[]): unknown {
    const span = trace.getActiveSpan();
    const result = original.apply(this, args);
    const streamed = (args[0] as { stream?: unknown } | undefined)?.stream === true;
    // responsePromise settles without reading the body, which OpenLLMetry's own parsing still needs.
    const response = (result as { responsePromise?: Promise<unknown> } | undefined)?.responsePromise;
    if (span && typeof response?.then === 'function' && !(options.exceptStreams && streamed)) {
      response.then(undefined, (error: unknown) =>
        guard('ending a failed OpenAI call span', () => {
          recordError(span, error);
          span.end();
        }),
      );
    }
    return result;
  };
}
