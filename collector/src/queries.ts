import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The workspace's shared `queries/` folder: schema migrations and named read queries. */
export const QUERIES_DIR = fileURLToPath(new URL('../../queries/', import.meta.url));

const cache = new Map<string, string>();

/** The named query `queries/<name>.sql`, read once. Values bind through its `{param:Type}` placeholders. */
export function loadQuery(name: string): string {
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = readFileSync(`${QUERIES_DIR}${name}.sql`, 'utf8');
    cache.set(name, sql);
  }
  return sql;
}
