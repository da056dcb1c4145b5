import { StoreError, type Store, type WritableTable } from './Store.ts';

/**
 * Inserts rows; when the store refuses them for a reason a retry cannot fix, splits them in
 * halves until each refused row stands alone, writes the rest, and hands each refused row to
 * `setAside` with the store's error. A retryable refusal throws, for the caller to retry.
 */
export async function insertSplitting<Row extends object>(
  store: Store,
  table: WritableTable,
  rows: readonly Row[],
  setAside: (row: Row, error: StoreError) => void,
): Promise<void> {
  try {
    await store.insert(table, rows);
  } catch (error) {
    if (!(error instanceof StoreError) || error.retryable) throw error;
    if (rows.length === 1) return setAside(rows[0]!, error);
    const middle = Math.ceil(rows.length / 2);
    await insertSplitting(store, table, rows.slice(0, middle), setAside);
    await insertSplitting(store, table, rows.slice(middle), setAside);
  }
}
