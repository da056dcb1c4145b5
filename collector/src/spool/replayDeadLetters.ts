import { wellFormed } from '../shared/wellFormedText.ts';
import { StoreError, WRITABLE_TABLES, type Store, type WritableTable } from '../store/Store.ts';
import { listDeadLetters, storeTime, type DeadLetterRow } from './DeadLetters.ts';

export interface ReplayReport {
  replayed: number;
  /** Rows the store refused again, with its reason: they stay held. */
  refused: Array<{ id: string; error: string }>;
}

/**
 * Offers every held dead letter to its table again, one row at a time, after replacing lone
 * surrogates in its text with U+FFFD (what today's collector does before spooling). A row the
 * store takes is marked replayed; one it refuses stays held, with the reason reported.
 */
export async function replayDeadLetters(store: Store, limit = 100_000): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: 0, refused: [] };
  for (const letter of await listDeadLetters(store, limit)) {
    try {
      const table = writableTable(letter.TableName);
      const values = wellFormedValues(JSON.parse(letter.Row) as unknown);
      await store.insertJsonCompact(table, letter.Columns, Buffer.from(`${JSON.stringify(values)}\n`));
      await markReplayed(store, letter);
      report.replayed += 1;
    } catch (error) {
      if (error instanceof StoreError && error.retryable) throw error;
      report.refused.push({ id: letter.Id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

function writableTable(name: string): WritableTable {
  const table = WRITABLE_TABLES.find((known) => known === name);
  if (!table) throw new Error(`dead letter names table '${name}', which the collector does not write`);
  return table;
}

function markReplayed(store: Store, letter: DeadLetterRow): Promise<void> {
  return store.insert('dead_letters', [{ ...letter, Status: 'replayed', UpdatedAt: storeTime(new Date()) }]);
}

function wellFormedValues(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedValues);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [wellFormed(key), wellFormedValues(inner)]));
  return value;
}
