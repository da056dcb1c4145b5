/**
 * Cluster mode (TRUMPETS_CLICKHOUSE_CLUSTER): each migration statement, written for one node, as
 * the statements a ClickHouse cluster needs. A table `t` becomes `t_local`, a Replicated*MergeTree
 * created ON CLUSTER on every replica of every shard (Keeper path `/clickhouse/tables/{uuid}/{shard}`,
 * replica `{replica}`: the server's macros), and `t` itself a Distributed table over them, sharded
 * so that rows that belong together stay on one shard: a trace's spans and its episode, tool
 * calls, LLM calls, sources and corrections by the trace id (the episode id is the trace id),
 * every other table by its first sort-key column, so all versions of a row meet under FINAL.
 * Queries and inserts name `t` as on one node and go through the Distributed table.
 */

/** The column every table is sharded by, where its first sort-key column would not keep a trace together. */
const SHARDING_COLUMNS: Record<string, string> = {
  spans: 'TraceId',
  episodes: 'EpisodeId',
  failure_cluster_members: 'FailureId',
};

export function localTable(table: string): string {
  return `${table}_local`;
}

/**
 * The statements of one single-node statement in cluster mode. `shardingKeys` carries each
 * Distributed table's key from the statement that created it to later ones (a RENAME), so
 * statements must come in migration order, all of them, applied or not.
 */
export function clusterStatements(statement: string, cluster: string, shardingKeys = new Map<string, string>()): string[] {
  if (!/^[A-Za-z0-9_.-]+$/.test(cluster)) throw new Error(`cluster name '${cluster}' must be letters, digits, '_', '.' or '-'`);
  const on = `ON CLUSTER '${cluster}'`;
  const create = /^CREATE TABLE IF NOT EXISTS (\w+)\s*/.exec(statement);
  if (create) return createTable(create[1]!, statement.slice(create[0].length), cluster, on, shardingKeys);
  const replace = /^CREATE OR REPLACE TABLE (\w+)\s*/.exec(statement);
  if (replace) return rewriteTable(replace[1]!, statement.slice(replace[0].length), cluster, on);
  const rename = /^RENAME TABLE IF EXISTS (\w+) TO (\w+)$/.exec(statement);
  if (rename) {
    const [, from, to] = rename as unknown as [string, string, string];
    const key = shardingKeys.get(from);
    if (!key) throw new Error(`RENAME of ${from}, which no earlier migration created`);
    shardingKeys.set(to, key);
    // The Distributed table names its local table, so it is made anew over the renamed one.
    return [
      `RENAME TABLE IF EXISTS ${localTable(from)} TO ${localTable(to)} ${on}`,
      `DROP TABLE IF EXISTS ${from} ${on}`,
      distributed(to, localTable(to), key, cluster, on),
    ];
  }
  // A view reads its tables by name, so through the Distributed tables: it only needs to exist everywhere.
  const view = /^CREATE VIEW IF NOT EXISTS (\w+) /.exec(statement);
  if (view) return [`CREATE VIEW IF NOT EXISTS ${view[1]} ${on} ${statement.slice(view[0].length)}`];
  // A copy of rows already stored goes through the Distributed tables, once, from the node that migrates.
  if (/^INSERT INTO \w+ \(/.test(statement)) return [statement];
  const alter = /^ALTER TABLE (\w+) (ADD COLUMN|ADD INDEX|MODIFY TTL|REMOVE TTL|MODIFY SETTING|UPDATE|MATERIALIZE COLUMN)\b/.exec(
    statement,
  );
  if (alter) {
    const [, table, action] = alter;
    const local = `ALTER TABLE ${localTable(table!)} ${on} ${statement.slice(`ALTER TABLE ${table} `.length)}`;
    // The Distributed table has the columns too (it has no indexes, TTL, storage settings or rows to update or materialize).
    return action === 'ADD COLUMN' ? [local, `ALTER TABLE ${table} ${on} ${statement.slice(`ALTER TABLE ${table} `.length)}`] : [local];
  }
  throw new Error(
    `no cluster form for this statement; write it as CREATE TABLE IF NOT EXISTS, CREATE OR REPLACE TABLE … AS SELECT, CREATE VIEW IF NOT EXISTS, RENAME TABLE IF EXISTS … TO …, INSERT INTO … SELECT or ALTER TABLE: ${statement.slice(0, 80)}`,
  );
}

interface TableParts {
  columns: string;
  engine: string;
  engineArgs: string | undefined;
  clauses: string;
}

/** `(columns) ENGINE = Name(args) clauses`, split; the column list may hold nested parentheses. */
function tableParts(rest: string): TableParts {
  if (!rest.startsWith('(')) throw new Error('expected a column list');
  let depth = 0;
  let end = 0;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '(') depth++;
    if (rest[i] === ')' && --depth === 0) {
      end = i + 1;
      break;
    }
  }
  const columns = rest.slice(0, end);
  const engine = /^\s*ENGINE = (\w+)(\(([^)]*)\))?\s*/.exec(rest.slice(end));
  if (!engine) throw new Error('expected ENGINE = …');
  return { columns, engine: engine[1]!, engineArgs: engine[3], clauses: rest.slice(end + engine[0].length) };
}

function replicatedEngine({ engine, engineArgs }: TableParts): string {
  if (!engine.endsWith('MergeTree')) throw new Error(`only MergeTree tables have a cluster form, not ${engine}`);
  const args = ["'/clickhouse/tables/{uuid}/{shard}'", "'{replica}'", ...(engineArgs ? [engineArgs] : [])];
  return `Replicated${engine}(${args.join(', ')})`;
}

function shardingKey(table: string, clauses: string): string {
  const orderBy = /ORDER BY \(?\s*(\w+)/.exec(clauses)?.[1];
  const column = SHARDING_COLUMNS[table] ?? orderBy;
  if (!column) throw new Error(`table ${table} has no ORDER BY to shard by`);
  return `cityHash64(${column})`;
}

function distributed(table: string, local: string, key: string, cluster: string, on: string, verb = 'CREATE TABLE IF NOT EXISTS'): string {
  return `${verb} ${table} ${on} AS ${local}\nENGINE = Distributed('${cluster}', currentDatabase(), '${local}', ${key})`;
}

function createTable(table: string, rest: string, cluster: string, on: string, shardingKeys: Map<string, string>): string[] {
  const parts = tableParts(rest);
  const local = localTable(table);
  const key = shardingKey(table, parts.clauses);
  shardingKeys.set(table, key);
  return [
    `CREATE TABLE IF NOT EXISTS ${local} ${on} ${parts.columns}\nENGINE = ${replicatedEngine(parts)}\n${parts.clauses}`.trimEnd(),
    distributed(table, local, key, cluster, on),
  ];
}

/**
 * A table rewritten with a new layout (`CREATE OR REPLACE TABLE t (…) … AS SELECT … FROM t`): the
 * new local tables are created beside the old, filled once through a Distributed table over them
 * (so each row is copied once, onto its shard, not once per replica), swapped in with EXCHANGE,
 * and the Distributed `t` recreated over the new columns.
 */
function rewriteTable(table: string, rest: string, cluster: string, on: string): string[] {
  const select = /\bAS SELECT\b/.exec(rest);
  if (!select) throw new Error('CREATE OR REPLACE TABLE needs AS SELECT in cluster mode');
  const parts = tableParts(rest.slice(0, select.index).trimEnd());
  const clauses = parts.clauses.trimEnd();
  const local = localTable(table);
  const next = `${table}_rewrite`;
  const nextLocal = localTable(next);
  const key = shardingKey(table, clauses);
  return [
    `CREATE TABLE IF NOT EXISTS ${nextLocal} ${on} ${parts.columns}\nENGINE = ${replicatedEngine(parts)}\n${clauses}`,
    distributed(next, nextLocal, key, cluster, on),
    `INSERT INTO ${next} ${rest.slice(select.index + 'AS '.length)}`,
    `EXCHANGE TABLES ${local} AND ${nextLocal} ${on}`,
    distributed(table, local, key, cluster, on, 'CREATE OR REPLACE TABLE'),
    `DROP TABLE IF EXISTS ${next} ${on}`,
    `DROP TABLE IF EXISTS ${nextLocal} ${on}`,
  ];
}
