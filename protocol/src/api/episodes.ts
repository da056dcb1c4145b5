import { z } from 'zod';

/** `GET /api/episodes/:id`: one episode with its tool calls and the sources it read (the plugin's drill-down). */

export const episodeToolCallSchema = z.object({
  name: z.string(),
  /** ok or error. */
  status: z.string(),
  errorType: z.string(),
  errorMessage: z.string(),
  startTime: z.string(),
  durationMs: z.number(),
});
export type EpisodeToolCall = z.infer<typeof episodeToolCallSchema>;

export const episodeSourceSchema = z.object({
  uri: z.string(),
  tag: z.string(),
  /** The retriever's score, when it gave one. */
  score: z.number().nullable(),
  /** Where the source was recorded: a `trumpets.source` event or a retrieval span's documents. */
  origin: z.string(),
});
export type EpisodeSource = z.infer<typeof episodeSourceSchema>;

export const episodeSchema = z.object({
  /** The episode's trace id, 32 lowercase hex characters. */
  episodeId: z.string(),
  traceId: z.string(),
  agent: z.string(),
  version: z.string(),
  workflow: z.string(),
  releaseId: z.string(),
  /** success, failure, escalated or unknown. */
  outcome: z.string(),
  errorType: z.string(),
  errorMessage: z.string(),
  startTime: z.string(),
  latencyMs: z.number(),
  input: z.string(),
  output: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  llmCallCount: z.number(),
  tools: z.array(episodeToolCallSchema),
  sources: z.array(episodeSourceSchema),
});
export type Episode = z.infer<typeof episodeSchema>;
