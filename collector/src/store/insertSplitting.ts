import { StoreError } from './Store.ts';

/**
 * Writes rows with `write`; when the store refuses them for a reason a retry cannot fix, splits
 * them in halves until each refused row stands alone, writes the rest, and hands each refused row
 * to `setAside` with the store's error. A retryable refusal throws, for the caller to retry.
 */
export async function insertSplitting<Row>(
  rows: readonly Row[],
  write: (rows: readonly Row[]) => Promise<void>,
  setAside: (row: Row, error: StoreError) => void,
): Promise<void> {
  try {
    await write(rows);
  } catch (error) {
    if (!(error instanceof StoreError) || error.retryable) throw error;
    if (rows.length === 1) return setAside(rows[0]!, error);
    const middle = Math.ceil(rows.length / 2);
    await insertSplitting(rows.slice(0, middle), write, setAside);
    await insertSplitting(rows.slice(middle), write, setAside);
  }
}
