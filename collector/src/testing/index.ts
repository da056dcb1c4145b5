// Helpers for tests and benchmarks that drive the real collector.
export { startCollectorProcess, type CollectorProcess } from './collectorProcess.ts';
export { otlpJson, otlpProtobuf, randomHexId, type TestSpan } from './otlpRequests.ts';
export { startInProcessCollector, TEST_TOKEN, type InProcessCollector } from './inProcessCollector.ts';
export { jsonApi } from './releaseFixtures.ts';
// Failure clustering on synthetic failures with known modes: the clustering tests' corpus and the clustering benchmark.
export { FailureClusterer } from '../failures/runner/FailureClusterer.ts';
export { FailureModel } from '../failures/core/FailureModel.ts';
export { scoreClustering, type ClusteringScores } from './clusteringQuality/clusteringScores.ts';
export { storeCorpus } from './failureCorpus/storeCorpus.ts';
export { syntheticFailures, type Corpus } from './failureCorpus/syntheticFailures.ts';
export { PRODUCTION_FAILURE_MODES } from './failureCorpus/productionFailureModes.ts';
export { TRAVEL_FAILURE_MODES } from './failureCorpus/travelFailureModes.ts';
export { HELD_OUT_STYLE_MODES } from './failureCorpus/heldOutStyleModes.ts';
export { clusterThroughStart, type ThroughStartResult } from './clusteringQuality/clusterThroughStart.ts';
// Regression detection on simulated stages: the suite's simulation test and pnpm bench --regressions.
export { simulateStageDays, type StageSimulation, type StageSimulationResult } from './regressionSimulation/simulateStageDays.ts';
