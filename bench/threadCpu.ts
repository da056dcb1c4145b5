import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Kinds of thread in the collector's process, by the name the thread runs under. */
type ThreadKind = 'main thread' | 'libuv and V8 workers' | 'engine pools' | 'engine merges';

interface ThreadCpuSnapshot {
  /** Every thread's CPU (process.cpuUsage), including threads that ended since. */
  totalMs: number;
  /** Live threads' CPU by thread id. */
  threads: Map<string, { kind: ThreadKind; ms: number }>;
  /** Time the main thread was runnable but waited for a core. */
  mainWaitingMs: number;
}

/** CPU a piece of work used, by kind of thread. */
export interface ThreadCpu {
  totalMs: number;
  byKind: Array<[kind: ThreadKind | 'threads that ended', ms: number]>;
  mainWaitingMs: number;
}

// Linux reports a thread's CPU in clock ticks of 1/100 s (USER_HZ) in /proc/<pid>/task/<tid>/stat.
const MS_PER_TICK = 10;

/**
 * The process's CPU by thread, from /proc (Linux; elsewhere every thread counts as ended). The
 * embedded engine runs each query on a libuv worker and its own work on its named pools (merges
 * on MergeMutate), so the split shows how much of a figure the engine's CPU is.
 */
export function threadCpuSnapshot(): ThreadCpuSnapshot {
  const usage = process.cpuUsage();
  const threads = new Map<string, { kind: ThreadKind; ms: number }>();
  let mainWaitingMs = 0;
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    // No /proc: the split is left empty.
  }
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // The thread ended while we read.
    }
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    threads.set(tid, { kind: kindOf(tid, name), ms: ticks * MS_PER_TICK });
    if (tid === String(process.pid)) mainWaitingMs = mainThreadWaitingMs(tid);
  }
  return { totalMs: (usage.user + usage.system) / 1000, threads, mainWaitingMs };
}

/** The CPU used since `before`, by kind of thread; what no live thread accounts for ran on threads that ended. */
export function threadCpuSince(before: ThreadCpuSnapshot): ThreadCpu {
  const after = threadCpuSnapshot();
  const byKind = new Map<ThreadKind | 'threads that ended', number>();
  let live = 0;
  for (const [tid, thread] of after.threads) {
    const ms = thread.ms - (before.threads.get(tid)?.ms ?? 0);
    byKind.set(thread.kind, (byKind.get(thread.kind) ?? 0) + ms);
    live += ms;
  }
  const totalMs = after.totalMs - before.totalMs;
  byKind.set('threads that ended', Math.max(0, totalMs - live));
  return { totalMs, byKind: [...byKind].filter(([, ms]) => ms > 0), mainWaitingMs: after.mainWaitingMs - before.mainWaitingMs };
}

/** "main thread 18.2 µs (+4.7 waiting for a core), libuv and V8 workers 11.0, …": CPU per item of work, by kind of thread. */
export function describeThreadCpu(cpu: ThreadCpu, items: number): string {
  const us = (ms: number) => ((ms * 1000) / items).toFixed(1);
  return cpu.byKind
    .map(([kind, ms]) => `${kind} ${us(ms)}${kind === 'main thread' ? ` (+${us(cpu.mainWaitingMs)} runnable, waiting for a core)` : ''}`)
    .join(', ');
}

/** Items per second the work could reach if it kept every core busy: the ceiling its CPU per item sets. */
export function allCoresCeiling(cpuMs: number, items: number): number {
  return Math.round((availableParallelism() * items * 1000) / cpuMs);
}

function kindOf(tid: string, name: string): ThreadKind {
  if (tid === String(process.pid)) return 'main thread';
  // libuv's pool and V8's platform workers are not named; the engine names its threads.
  if (name === 'node' || name.startsWith('libuv') || name.startsWith('V8')) return 'libuv and V8 workers';
  return name.startsWith('MergeMutate') ? 'engine merges' : 'engine pools';
}

/** The scheduler's run-queue wait of a thread, in ms (its second schedstat field, in ns); 0 where the kernel keeps none. */
function mainThreadWaitingMs(tid: string): number {
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[1]) / 1e6 || 0;
  } catch {
    return 0;
  }
}
