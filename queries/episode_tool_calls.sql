-- The tool calls of one episode, in the order they started.
SELECT
    ToolName,
    Status,
    ErrorType,
    ErrorMessage,
    toUnixTimestamp64Milli(StartTime) AS startMs,
    DurationMs
FROM tool_calls FINAL
WHERE EpisodeId = {episodeId:String}
ORDER BY StartTime, SpanId
