import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { namedQuerySql, QUERIES_DIR, QUERY_NAMES } from './namedQueries.ts';

describe('named queries', () => {
  it('are exactly the .sql files of queries/: every name has its file and every file its name', () => {
    const files = readdirSync(QUERIES_DIR)
      .filter((name) => name.endsWith('.sql'))
      .map((name) => name.slice(0, -'.sql'.length));
    expect([...QUERY_NAMES].sort()).toEqual(files.sort());
  });

  it('carry a log_comment naming the query, so the query log says which one ran', () => {
    for (const name of QUERY_NAMES) expect(namedQuerySql(name).endsWith(`\nSETTINGS log_comment = 'trumpets:${name}'`)).toBe(true);
  });
});
