// Exports added here are public. Attribute names live in `@trumpets/instrumentation/conventions`.
export { setup, resolveEndpoint, DEFAULT_ENDPOINT } from './setup.ts';
export type { SetupOptions, TrumpetsHandle } from './setup.ts';
export { withEpisode } from './episode.ts';
export type { Episode, EpisodeOptions, EpisodeOutcome } from './episode.ts';
export { traceTool } from './tools.ts';
export { recordSource } from './sources.ts';
export type { Source } from './sources.ts';
export { traceChat } from './chat.ts';
export type { Chat, ChatOptions, TokenUsage } from './chat.ts';
export { runSampleAgent } from './demo/sampleAgent.ts';
export type { SampleAgentOptions, SampleAgentResult } from './demo/sampleAgent.ts';
