import { diag, trace } from '@opentelemetry/api';
import type { TimeInput, Tracer } from '@opentelemetry/api';
import { createRedactor } from '../redaction/createRedactor.ts';
import type { RedactionOptions, Redactor } from '../redaction/createRedactor.ts';
import { spanTime } from './spanClock.ts';

/** Instrumentation scope of every span this package starts. */
export const TRACER_NAME = '@trumpets/instrumentation';

/** What the tracing calls (withEpisode, traceTool, …) read at run time; setup() replaces it. */
export interface TracerSettings {
  /** The tracer of the provider setup() made; undefined means the globally registered one. */
  tracer: Tracer | undefined;
  /** Whether input, output, arguments and results are recorded at all. */
  captureContent: boolean;
  /** Content longer than this (after redaction) is cut, so one huge value cannot hold memory. */
  maxContentChars: number;
  redact: Redactor;
  /** Says what went wrong on the tracer's side, once per `key` (not once per span). */
  warn(key: string, message: string): void;
  /** Keeps this episode whatever its outcome when successes are sampled (corrections, safety flags). */
  keepEpisode(episodeId: string): void;
  /** Span start, end and exception times: the configured clock, or `spanTime`. */
  clock: () => TimeInput;
}

export interface SettingsOptions {
  /** Default: true. */
  captureContent?: boolean;
  /** Default: 32768. */
  maxContentChars?: number;
  /** Default: the built-in rules. */
  redaction?: RedactionOptions | false;
  /** Where warnings go, already prefixed with the package name. */
  say(message: string): void;
  /** Default: `spanTime`. */
  clock?: () => number;
}

export function createSettings(options: SettingsOptions): TracerSettings {
  const warned = new Set<string>();
  return {
    tracer: undefined,
    captureContent: options.captureContent ?? true,
    maxContentChars: options.maxContentChars ?? 32_768,
    redact: createRedactor(options.redaction ?? {}),
    warn(key, message) {
      if (warned.has(key)) return;
      warned.add(key);
      options.say(message);
    },
    keepEpisode: () => undefined,
    clock: options.clock ?? spanTime,
  };
}

/** Prefixes the message and never throws, whatever the logger does. */
export function sayTo(log: (message: string) => void): (message: string) => void {
  return (message) => {
    try {
      log(`${TRACER_NAME}: ${message}`);
    } catch {
      // A logger that throws cannot be told so; the agent must not hear of it either.
    }
  };
}

// Kept on globalThis under a registered symbol, as @opentelemetry/api keeps its globals: an app that
// loads both the ESM and the CommonJS build still has one set of settings.
const KEY = Symbol.for('trumpets.instrumentation.settings');
type Holder = { [KEY]?: TracerSettings };

/** Without setup(): the global provider, built-in redaction, content captured, warnings on diag. */
export function currentSettings(): TracerSettings {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= createSettings({ say: sayTo((message) => diag.warn(message)) }));
}

export function replaceSettings(settings: TracerSettings | undefined): void {
  (globalThis as Holder)[KEY] = settings;
}

/** The tracer spans start from: setup()'s provider, else whatever is registered globally. */
export function activeTracer(): Tracer {
  // The global one is looked up per span, not cached: a cached tracer would keep a provider since replaced.
  return currentSettings().tracer ?? trace.getTracer(TRACER_NAME);
}
