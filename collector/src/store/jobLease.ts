import type { Store } from './Store.ts';

/** Who holds a job's lease now, by the store's clock. */
export interface LeaseState {
  epoch: number;
  holder: string | undefined;
  /** When the holder's latest row runs out (Unix ms, store clock); 0 when nobody ever held it. */
  expiresMs: number;
  nowMs: number;
}

interface LeaseRow {
  Epoch: string;
  Holder: string;
  writtenMs: string;
  expiresMs: string;
  nowMs: string;
}

/**
 * A lease on one job in the store (table job_leases), so that of several collectors sharing a
 * store exactly one runs the job. ClickHouse has no compare-and-set, so a claim is a row in a new
 * epoch and the first row of the newest epoch wins: two collectors claiming at once both write,
 * both read back, and agree on the earlier one. The holder renews by adding rows to its epoch.
 */
export class JobLease {
  constructor(
    private readonly store: Store,
    readonly job: string,
    readonly holder: string,
    private readonly leaseMs: number,
  ) {}

  async state(): Promise<LeaseState> {
    const rows = await this.store.named<LeaseRow>('job_lease_current', { job: this.job });
    const first = rows[0];
    if (!first) {
      const [clock] = await this.store.query<{ nowMs: string }>('SELECT toUnixTimestamp64Milli(now64(3)) AS nowMs');
      return { epoch: 0, holder: undefined, expiresMs: 0, nowMs: Number(clock?.nowMs) };
    }
    // The holder's latest row says until when: a renewal extends it, a release (LeaseMs 0) ends it.
    const latest = rows.filter((row) => row.Holder === first.Holder).at(-1)!;
    return { epoch: Number(first.Epoch), holder: first.Holder, expiresMs: Number(latest.expiresMs), nowMs: Number(first.nowMs) };
  }

  /** Renews the lease if this holder has it, takes it if it ran out; whether this holder holds it now, and the state after. */
  async hold(): Promise<{ held: boolean; state: LeaseState }> {
    const state = await this.state();
    const live = state.expiresMs > state.nowMs;
    if (live && state.holder !== this.holder) return { held: false, state };
    const epoch = live ? state.epoch : state.epoch + 1;
    await this.store.insert('job_leases', [{ Job: this.job, Epoch: epoch, Holder: this.holder, LeaseMs: this.leaseMs }]);
    if (live) return { held: true, state: { ...state, expiresMs: state.nowMs + this.leaseMs } };
    const after = await this.state();
    return { held: after.epoch === epoch && after.holder === this.holder, state: after };
  }

  /** Hands the job over at once (a holder that stops), rather than after the lease runs out. */
  async release(): Promise<void> {
    const state = await this.state();
    if (state.holder !== this.holder || state.expiresMs <= state.nowMs) return;
    await this.store.insert('job_leases', [{ Job: this.job, Epoch: state.epoch, Holder: this.holder, LeaseMs: 0 }]);
  }
}
