import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from './log/logger.ts';
import { JobLease } from './store/jobLease.ts';
import type { Store } from './store/Store.ts';

/** A job that must run once per store, however many collectors share it. */
export interface LeasedJob {
  name: string;
  intervalMs: number;
  /** One pass; passes of a job never overlap. */
  run(): Promise<unknown>;
  /** The last pass at shutdown, run only by the holder. */
  finish?(): Promise<unknown>;
}

/**
 * Runs each job on its interval while this collector holds the job's lease in the store, renewing
 * it every third of a lease period on a timer of its own (so a long pass keeps it). A collector
 * that does not hold a lease logs who holds it and checks again when that lease runs out (at most
 * a third of a period later): when the holder dies, the job moves within one lease period.
 * At shutdown the holder runs its jobs' last pass and hands the leases over at once. On the
 * embedded store no lease is needed: its data directory admits one process, which runs every job.
 */
export class LeasedJobs {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running: Array<{
    job: LeasedJob;
    lease: JobLease;
    held: boolean;
    timers: NodeJS.Timeout[];
    pass: Promise<unknown>;
    renewal: Promise<number>;
    lastHolder?: string;
  }> = [];
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly leaseMs: number,
    private readonly log: Logger,
  ) {}

  start(jobs: readonly LeasedJob[]): void {
    for (const job of jobs) {
      const exclusive = this.store.backend === 'embedded';
      const entry = {
        job,
        lease: new JobLease(this.store, job.name, this.holder, this.leaseMs),
        held: exclusive,
        timers: [] as NodeJS.Timeout[],
        pass: Promise.resolve() as Promise<unknown>,
        renewal: Promise.resolve(0),
      };
      this.running.push(entry);
      const renew = () => {
        entry.renewal = this.renew(entry);
        void entry.renewal.then((nextMs) => {
          if (!this.stopped) entry.timers[0] = setTimeout(renew, nextMs);
        });
      };
      const run = () => {
        if (entry.held)
          entry.pass = entry.pass
            .then(() => job.run())
            .catch((error: unknown) => this.log.warn(`${job.name} pass failed; will retry`, { error: String(error) }));
        void entry.pass.finally(() => {
          if (!this.stopped) entry.timers[1] = setTimeout(run, job.intervalMs);
        });
      };
      if (!exclusive) renew();
      entry.timers[1] = setTimeout(run, job.intervalMs);
    }
  }

  /** Which jobs this collector runs now. */
  held(): string[] {
    return this.running.filter((entry) => entry.held).map((entry) => entry.job.name);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.running) for (const timer of entry.timers) clearTimeout(timer);
    await Promise.all(
      this.running.map(async (entry) => {
        await entry.renewal;
        await entry.pass;
        if (!entry.held) return;
        try {
          await entry.job.finish?.();
        } finally {
          if (this.store.backend !== 'embedded')
            await entry.lease
              .release()
              .catch((error: unknown) =>
                this.log.warn('could not hand over a job lease; it runs out on its own', { job: entry.job.name, error: String(error) }),
              );
        }
      }),
    );
  }

  /** Renews or tries to take the lease; resolves to when to look again: a third of a period, or the moment a live lease runs out. */
  private async renew(entry: (typeof this.running)[number]): Promise<number> {
    const third = this.leaseMs / 3;
    try {
      const { held, state } = await entry.lease.hold();
      if (held && !entry.held)
        this.log.info('job lease taken: running the job here', { job: entry.job.name, holder: this.holder, epoch: state.epoch });
      if (!held && entry.held)
        this.log.warn('job lease lost: another collector runs the job now', { job: entry.job.name, holder: state.holder });
      if (!held && state.holder !== entry.lastHolder)
        this.log.info('job lease held by another collector: waiting', {
          job: entry.job.name,
          holder: state.holder,
          untilMs: state.expiresMs - state.nowMs,
        });
      entry.held = held;
      entry.lastHolder = held ? this.holder : state.holder;
      return held ? third : Math.min(third, Math.max(10, state.expiresMs - state.nowMs + 10));
    } catch (error) {
      // Unsure whether the lease is still ours: stop running the job until a renewal says so.
      if (entry.held) this.log.warn('job lease could not be renewed: pausing the job', { job: entry.job.name, error: String(error) });
      entry.held = false;
      entry.lastHolder = undefined;
      return third;
    }
  }
}
