-- One episode as the Grafana drill-down shows it: who, what happened, when, how much.
SELECT
    EpisodeId,
    TraceId,
    Agent,
    AgentVersion,
    Workflow,
    ReleaseId,
    Outcome,
    ErrorType,
    ErrorMessage,
    toUnixTimestamp64Milli(StartTime) AS startMs,
    LatencyMs,
    Input,
    Output,
    InputTokens,
    OutputTokens,
    LlmCallCount
FROM episodes FINAL
WHERE EpisodeId = {episodeId:String}
LIMIT 1
