-- The failed tool calls assembled in a clustering batch ((after, until]), each with its assembly
-- stamp (tool calls are written with their episode's): a call assembled twice in one batch comes
-- twice and the reader keeps the newest, and orders each episode's calls by start (cheaper than
-- sorting here). Messages cut to their first line, as in failure_episodes.sql.
SELECT
    EpisodeId,
    SpanId,
    ToolName,
    ErrorType,
    substring(multiIf(position(ErrorMessage, '\n') = 0, ErrorMessage,
        startsWith(ErrorMessage, 'Traceback (most recent call last)'),
        arrayLast(line -> line != '' AND NOT match(line, '^\\s'), splitByChar('\n', ErrorMessage)),
        arrayFirst(line -> trimBoth(line) != '', splitByChar('\n', ErrorMessage))), 1, 400) AS ErrorMessage,
    toUnixTimestamp64Milli(StartTime) AS startMs,
    toUnixTimestamp64Micro(AssembledAt) AS assembledMicros
FROM tool_calls
WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
  AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
  AND Status = 'error'
