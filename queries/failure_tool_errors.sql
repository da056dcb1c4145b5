-- The failed tool calls assembled in a clustering batch ((after, until]), from the newest assembly
-- of each, in the order they started within each episode. Messages cut to their first line, as in
-- failure_episodes.sql. (Tool calls are written with their episode's assembly stamp.)
SELECT EpisodeId, SpanId, ToolName, ErrorType, ErrorMessage, startMs
FROM
(
    SELECT
        EpisodeId,
        SpanId,
        ToolName,
        ErrorType,
        substring(if(startsWith(ErrorMessage, 'Traceback (most recent call last)'),
            arrayLast(line -> line != '' AND NOT match(line, '^\\s'), splitByChar('\n', ErrorMessage)),
            arrayFirst(line -> trimBoth(line) != '', splitByChar('\n', ErrorMessage))), 1, 400) AS ErrorMessage,
        toUnixTimestamp64Milli(StartTime) AS startMs
    FROM tool_calls
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
      AND Status = 'error'
    ORDER BY AssembledAt DESC
    LIMIT 1 BY EpisodeId, SpanId
)
ORDER BY EpisodeId, startMs, SpanId
