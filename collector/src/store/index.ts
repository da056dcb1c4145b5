export { createStore } from './createStore.ts';
export { EmbeddedStore } from './embeddedStore.ts';
export { ServerStore } from './serverStore.ts';
export { runMigrations, readMigrations, type Migration, type MigrationReport } from './migrations.ts';
export { compactClosedEpisodePartitions } from './partitionCompaction.ts';
export { namedQuerySql, QUERY_NAMES, type QueryName } from './namedQueries.ts';
export { StoreError, WRITABLE_TABLES, type QueryParams, type Store, type WritableTable } from './Store.ts';
