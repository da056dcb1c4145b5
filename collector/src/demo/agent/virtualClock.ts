import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Simulated time, one timeline per episode: each episode starts at a moment it is given and its
 * tools advance its own timeline by their latency, so thousands of episodes with latencies of
 * seconds record those latencies in a few seconds of real time, concurrently.
 */
export class VirtualClock {
  private readonly timelines = new AsyncLocalStorage<{ nowMs: number }>();

  /** The tracer's clock: the current episode's simulated time, else the real one. */
  readonly now = (): number => this.timelines.getStore()?.nowMs ?? Date.now();

  run<T>(startMs: number, fn: () => Promise<T>): Promise<T> {
    return this.timelines.run({ nowMs: startMs }, fn);
  }

  /** Moves the current episode's time on, as waiting would have. */
  advance(ms: number): void {
    const timeline = this.timelines.getStore();
    if (timeline) timeline.nowMs += ms;
  }
}
