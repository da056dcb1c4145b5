import type { Store, WritableTable } from '../../store/Store.ts';
import type { FailureRecord } from '../../failures/core/FailureRecord.ts';
import { corpusRows } from './corpusRows.ts';

const ROWS_PER_INSERT = 50_000;

/** Writes synthetic failures into the store as assembled episodes (see `corpusRows`), in batches. */
export async function storeCorpus(store: Store, records: readonly FailureRecord[]): Promise<void> {
  const rows = corpusRows(records);
  const tables: Array<[WritableTable, object[]]> = [
    ['tool_calls', rows.toolCalls],
    ['corrections', rows.corrections],
    ['safety_flags', rows.safetyFlags],
    ['episodes', rows.episodes],
  ];
  for (const [table, list] of tables) {
    for (let start = 0; start < list.length; start += ROWS_PER_INSERT)
      await store.insert(table, list.slice(start, start + ROWS_PER_INSERT));
  }
}
