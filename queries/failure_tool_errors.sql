-- The failed tool calls assembled in a clustering batch ((after, until]), each with its assembly
-- stamp (tool calls are written with their episode's): a call assembled twice in one batch comes
-- twice and the reader keeps the newest, and orders each episode's calls by start (cheaper than
-- sorting here). Messages as their headline, stored at assembly.
SELECT
    EpisodeId,
    SpanId,
    ToolName,
    ErrorType,
    ErrorHeadline AS ErrorMessage,
    toUnixTimestamp64Milli(StartTime) AS startMs,
    toUnixTimestamp64Micro(AssembledAt) AS assembledMicros
FROM tool_calls
WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
  AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
  AND Status = 'error'
