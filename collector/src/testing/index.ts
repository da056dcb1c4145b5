// Helpers for tests and benchmarks that drive the real collector.
export { startCollectorProcess, type CollectorProcess } from './collectorProcess.ts';
export { otlpJson, otlpProtobuf, randomHexId, type TestSpan } from './otlpRequests.ts';
export { startInProcessCollector, TEST_TOKEN, type InProcessCollector } from './inProcessCollector.ts';
