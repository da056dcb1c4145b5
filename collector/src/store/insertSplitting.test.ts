import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultyStore } from '../testing/FaultyStore.ts';
import { EmbeddedStore } from './embeddedStore.ts';
import { insertSplitting } from './insertSplitting.ts';
import { runMigrations } from './migrations.ts';
import type { StoreError } from './Store.ts';

const dir = mkdtempSync(join(tmpdir(), 'trumpets-split-'));
let store: EmbeddedStore;
beforeAll(async () => {
  store = new EmbeddedStore(dir);
  await runMigrations(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (id: string, text: string) => ({
  Id: id,
  TableName: 'spans',
  Columns: ['TraceId'],
  Row: text,
  Reason: 'bad_row',
  Error: '',
  Status: 'held',
  FirstHeldAt: '2026-01-01 00:00:00.000',
  UpdatedAt: '2026-01-01 00:00:00.000',
});

describe('insertSplitting', () => {
  it('writes every row the store takes and sets aside, with the reason, each row it refuses for good', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => row(`split-${i}`, i === 3 || i === 7 ? 'lone \ud800' : `ok ${i}`));
    const setAside: Array<{ id: string; reason: string }> = [];
    await insertSplitting(
      rows,
      (some) => store.insert('dead_letters', some),
      (refused, error: StoreError) => setAside.push({ id: refused.Id, reason: error.reason }),
    );
    expect(setAside).toEqual([
      { id: 'split-3', reason: 'bad_row' },
      { id: 'split-7', reason: 'bad_row' },
    ]);
    const [stored] = await store.query<{ n: string }>("SELECT count() AS n FROM dead_letters WHERE startsWith(Id, 'split-')");
    expect(Number(stored!.n)).toBe(7);
  });

  it('throws a refusal that heals with time, for the caller to retry', async () => {
    const faulty = new FaultyStore(store);
    faulty.refuseWrites('disk full (injected)');
    await expect(
      insertSplitting(
        [row('later', 'x')],
        (some) => faulty.insert('dead_letters', some),
        () => undefined,
      ),
    ).rejects.toThrow(/disk full/);
  });
});
