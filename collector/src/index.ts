// Exports added here are public: what the benchmarks and embedders use. `index.ts` only exports; `cli.ts` starts.
export { loadConfig, ConfigError, type CollectorConfig } from './config.ts';
export { startCollector, type RunningCollector } from './startCollector.ts';
export { createLogger, silentLogger, type Logger } from './log/logger.ts';
export { decodeOtlpRequest, OtlpDecodeError, type OtlpEncoding } from './otlp/index.ts';
export type { DecodedRequest, DecodedSpan } from './otlp/index.ts';
export { SPAN_COLUMNS, spanRows } from './spans/spanRows.ts';
export { NO_RETENTION } from './store/retention.ts';
export {
  compactClosedEpisodePartitions,
  createStore,
  EmbeddedStore,
  ServerStore,
  namedQuerySql,
  runMigrations,
  StoreError,
  type Store,
} from './store/index.ts';
