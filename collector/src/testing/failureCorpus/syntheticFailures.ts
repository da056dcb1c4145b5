import type { FailureRecord } from '../../failures/core/FailureRecord.ts';
import { FAILURE_MODES, type FailureModeSpec } from './failureModes.ts';
import { RandomSource } from './randomSource.ts';

export interface CorpusOptions {
  count: number;
  /** Default 1. */
  seed?: number;
  /** Failures are spread evenly over [startMs, startMs + spanMs). Default: the 24 hours before 2026-11-25. */
  startMs?: number;
  spanMs?: number;
  /** Default: all seventeen `FAILURE_MODES`. */
  modes?: readonly FailureModeSpec[];
  /**
   * Share of error rows (failures and tool errors with a type) recorded as production code often
   * records them: a bare `Error` or no type at all, the type at most named in the message. Default 0.
   */
  untypedShare?: number;
}

/** Failures with their true mode: `truth[i]` is the mode of `records[i]`. */
export interface Corpus {
  records: FailureRecord[];
  truth: string[];
}

const VERSIONS = ['1.4.0', '1.4.1', '1.5.0'];

/**
 * Synthetic agent failures with known ground truth, noisy the way real ones are: fresh ids, amounts
 * and times in every message, several wordings per mode, log prefixes, changed case and trailing
 * punctuation, stack traces on some, typos in human-written reasons, several agent versions.
 */
export function syntheticFailures(options: CorpusOptions): Corpus {
  const random = new RandomSource(options.seed ?? 1);
  const modes = options.modes ?? FAILURE_MODES;
  const totalWeight = modes.reduce((sum, mode) => sum + mode.weight, 0);
  const startMs = options.startMs ?? Date.UTC(2026, 10, 24);
  const spanMs = options.spanMs ?? 24 * 3600_000;
  const records: FailureRecord[] = [];
  const truth: string[] = [];
  for (let i = 0; i < options.count; i++) {
    let pick = random.next() * totalWeight;
    const mode = modes.find((candidate) => (pick -= candidate.weight) < 0) ?? modes[modes.length - 1]!;
    records.push(failureOf(mode, random, startMs + Math.floor((i / options.count) * spanMs), options.untypedShare ?? 0));
    truth.push(mode.name);
  }
  return { records, truth };
}

function failureOf(mode: FailureModeSpec, random: RandomSource, occurredAtMs: number, untypedShare: number): FailureRecord {
  const episodeId = random.hex(32);
  const human = mode.kind !== 'failure' && mode.kind !== 'tool_error';
  let text = random.pick(mode.wordings)(random);
  let errorType = mode.errorType;
  if (untypedShare > 0 && !human && errorType !== '') ({ errorType, text } = asRecorded(errorType, text, random, untypedShare));
  if (text.length > 0) text = human ? withTypo(text, random) : withLogNoise(text, random);
  if (mode.stack && random.chance(0.6)) text = withStack(text, mode.stack, random);
  const failureId =
    mode.kind === 'tool_error'
      ? `${episodeId}/${random.hex(16)}`
      : mode.kind === 'correction'
        ? `${random.hex(32)}:${random.hex(16)}`
        : mode.kind === 'safety'
          ? `${episodeId}/safety/${mode.errorType}`
          : episodeId;
  return {
    failureId,
    episodeId,
    kind: mode.kind,
    agent: mode.agent,
    agentVersion: random.pick(VERSIONS),
    workflow: mode.workflow,
    tool: mode.tool,
    errorType,
    text,
    occurredAtMs,
  };
}

/**
 * The type and message as one throw site records them. Typed rows sometimes carry a module path
 * or repeat the type before the message (`String(error)`); untyped ones are a bare `Error` or no
 * type, some naming the type only in the message (`CardDeclinedError: …`, `Card Declined Exception: …`).
 */
function asRecorded(type: string, message: string, random: RandomSource, untypedShare: number): { errorType: string; text: string } {
  const named = (head: string) => (message.startsWith(type) ? message : `${head}: ${message}`);
  if (!random.chance(untypedShare)) {
    const errorType = random.chance(0.1) ? `app.errors.${type}` : type;
    return { errorType, text: random.chance(0.15) ? named(type) : message };
  }
  const bare = random.chance(0.6) ? 'Error' : '';
  const way = random.next();
  if (way < 0.6) return { errorType: bare, text: message };
  if (way < 0.85) return { errorType: bare, text: named(type) };
  const spaced = type.replace(/(Error|Exception)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  return { errorType: bare, text: named(`${spaced} Exception`) };
}

/** Machine messages: sometimes a request-id or timestamp prefix, a capital or a final full stop. */
function withLogNoise(text: string, random: RandomSource): string {
  let noisy = text;
  if (random.chance(0.15)) noisy = `[req ${random.hex(8)}] ${noisy}`;
  else if (random.chance(0.1)) noisy = `${random.isoTime()} ERROR ${noisy}`;
  if (random.chance(0.2)) noisy = noisy.endsWith('.') ? noisy.slice(0, -1) : `${noisy}.`;
  return noisy;
}

/** Human text: sometimes two letters swapped in one word, or a different first-letter case. */
function withTypo(text: string, random: RandomSource): string {
  let noisy = text;
  if (random.chance(0.1)) {
    const words = noisy.split(' ');
    const index = random.between(0, words.length - 1);
    const word = words[index]!;
    if (word.length > 4) {
      const at = random.between(1, word.length - 3);
      words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    }
    noisy = words.join(' ');
  }
  if (random.chance(0.3))
    noisy = noisy[0] === noisy[0]!.toUpperCase() ? noisy[0]!.toLowerCase() + noisy.slice(1) : noisy[0]!.toUpperCase() + noisy.slice(1);
  return noisy;
}

function withStack(headline: string, runtime: 'js' | 'python' | 'java', random: RandomSource): string {
  const line = () => random.between(10, 400);
  if (runtime === 'python') {
    return [
      'Traceback (most recent call last):',
      `  File "/srv/app/kb/search.py", line ${line()}, in search`,
      `    vector = document["embedding"]`,
      `  File "/srv/app/kb/index.py", line ${line()}, in __getitem__`,
      headline,
    ].join('\n');
  }
  if (runtime === 'java')
    return `${headline}\n\tat com.example.Service.call(Service.java:${line()})\n\tat com.example.Agent.run(Agent.java:${line()})`;
  return `${headline}\n    at handler (/app/dist/tools/handler.js:${line()}:${line()})\n    at process.processTicksAndRejections (node:internal/process/task_queues:${line()}:5)`;
}
