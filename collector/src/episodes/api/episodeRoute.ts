import express, { type Request, type Response, type Router } from 'express';
import type { Episode } from '@trumpets/protocol/api';
import type { Store } from '../../store/Store.ts';

interface EpisodeRow {
  EpisodeId: string;
  TraceId: string;
  Agent: string;
  AgentVersion: string;
  Workflow: string;
  ReleaseId: string;
  Outcome: string;
  ErrorType: string;
  ErrorMessage: string;
  startMs: string | number;
  LatencyMs: number;
  Input: string;
  Output: string;
  InputTokens: string | number;
  OutputTokens: string | number;
  LlmCallCount: number;
}

interface ToolRow {
  ToolName: string;
  Status: string;
  ErrorType: string;
  ErrorMessage: string;
  startMs: string | number;
  DurationMs: number;
}

interface SourceRow {
  Uri: string;
  Tag: string;
  Score: number | null;
  Origin: string;
}

const ID = /^[0-9a-f]{32}$/;

/**
 * `GET /api/episodes/:id`: one episode with its tool calls and the sources it read, for the
 * Grafana plugin's drill-down from a failure mode's example. 400 for an id that is not a trace
 * id, 404 for an unknown one.
 */
export function episodeRoute(options: { store: Store }): Router {
  const router = express.Router();
  router.get('/api/episodes/:id', async (req: Request<{ id: string }>, res: Response) => {
    const episodeId = req.params.id.toLowerCase();
    if (!ID.test(episodeId))
      return res.status(400).json({ message: `episode id '${req.params.id}' is not 32 hex digits (an episode id is its trace id)` });
    const [episode] = await options.store.named<EpisodeRow>('episode_detail', { episodeId });
    if (!episode) return res.status(404).json({ message: `no episode ${episodeId}` });
    const [tools, sources] = await Promise.all([
      options.store.named<ToolRow>('episode_tool_calls', { episodeId }),
      options.store.named<SourceRow>('episode_source_list', { episodeId }),
    ]);
    const answer: Episode = {
      episodeId: episode.EpisodeId,
      traceId: episode.TraceId,
      agent: episode.Agent,
      version: episode.AgentVersion,
      workflow: episode.Workflow,
      releaseId: episode.ReleaseId,
      outcome: episode.Outcome,
      errorType: episode.ErrorType,
      errorMessage: episode.ErrorMessage,
      startTime: new Date(Number(episode.startMs)).toISOString(),
      latencyMs: episode.LatencyMs,
      input: episode.Input,
      output: episode.Output,
      inputTokens: Number(episode.InputTokens),
      outputTokens: Number(episode.OutputTokens),
      llmCallCount: episode.LlmCallCount,
      tools: tools.map((tool) => ({
        name: tool.ToolName,
        status: tool.Status,
        errorType: tool.ErrorType,
        errorMessage: tool.ErrorMessage,
        startTime: new Date(Number(tool.startMs)).toISOString(),
        durationMs: tool.DurationMs,
      })),
      sources: sources.map((source) => ({ uri: source.Uri, tag: source.Tag, score: source.Score, origin: source.Origin })),
    };
    res.json(answer);
  });
  return router;
}
