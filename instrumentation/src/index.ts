// Exports added here are public: tracing only. The benchmark harness is `@trumpets/instrumentation/benchmark`,
// the sample agent and fakes `@trumpets/instrumentation/testing`; attribute names live in `@trumpets/protocol/conventions`.
export { setup } from './setup.ts';
export type { TrumpetsHandle } from './setup.ts';
export { DEFAULT_ENDPOINT, resolveEndpoint } from './setupOptions.ts';
export type { SetupOptions, TracerLogger } from './setupOptions.ts';
export type { TracingStats } from './pipeline/TracingStats.ts';
export type { SamplingOptions } from './pipeline/EpisodeSampler.ts';
export { withEpisode } from './episode.ts';
export { resolveRelease, clearReleaseCache } from './release/resolveRelease.ts';
export type { ResolveReleaseOptions, ResolvedRelease } from './release/resolveRelease.ts';
export { assignBucket } from './release/assignBucket.ts';
export type { EpisodeOptions } from './episode.ts';
export { currentEpisode } from './episodeHandle.ts';
export type { Episode, EpisodeOutcome, ScoreDetails } from './episodeHandle.ts';
export { traceTool, traceTools } from './tools.ts';
export type { ToolOptions, TracedTool } from './tools.ts';
export { recordSource } from './sources.ts';
export type { Source } from './sources.ts';
export { recordCorrection } from './corrections.ts';
export type { Correction } from './corrections.ts';
export { traceChat } from './chat.ts';
export type { Chat, ChatOptions, TokenUsage } from './chat.ts';
export { instrumentLlmClients } from './auto/instrumentLlmClients.ts';
export type { LlmClientModules, LlmInstrumentation, LlmInstrumentationOptions } from './auto/instrumentLlmClients.ts';
export { createRedactor } from './redaction/createRedactor.ts';
export type { RedactionOptions, RedactionPattern, Redactor } from './redaction/createRedactor.ts';
export type { BuiltInRuleName } from './redaction/builtInRules.ts';
