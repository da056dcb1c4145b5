// Helpers for tests and benchmarks that drive the real collector.
export { startCollectorProcess, type CollectorProcess } from './collectorProcess.ts';
export { otlpJson, otlpProtobuf, randomHexId, type TestSpan } from './otlpRequests.ts';
export { startInProcessCollector, TEST_TOKEN, type InProcessCollector } from './inProcessCollector.ts';
// Failure clustering on synthetic failures with known modes: the clustering tests' corpus and the clustering benchmark.
export { FailureClusterer } from '../failures/runner/FailureClusterer.ts';
export { FailureModel } from '../failures/core/FailureModel.ts';
export { scoreClustering, type ClusteringScores } from '../failures/quality/clusteringScores.ts';
export { storeCorpus } from '../failures/corpus/storeCorpus.ts';
export { syntheticFailures, type Corpus } from '../failures/corpus/syntheticFailures.ts';
export { PRODUCTION_FAILURE_MODES } from '../failures/corpus/productionFailureModes.ts';
export { TRAVEL_FAILURE_MODES } from '../failures/corpus/travelFailureModes.ts';
// Regression detection on simulated stages: the suite's simulation test and pnpm bench --regressions.
export { simulateStageDays, type StageSimulation, type StageSimulationResult } from '../regressions/simulation/simulateStageDays.ts';
