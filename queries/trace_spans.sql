-- Every span of the given traces, deduplicated: what the episode assembler rebuilds episodes from.
SELECT
    TraceId,
    SpanId,
    ParentSpanId,
    SpanName,
    ServiceName,
    SpanAttributes,
    StartTimeUnixNano,
    EndTimeUnixNano,
    StatusCode,
    StatusMessage,
    `Events.Name` AS EventNames,
    arrayMap(t -> toString(toUnixTimestamp64Nano(t)), `Events.Timestamp`) AS EventTimesUnixNano,
    `Events.Attributes` AS EventAttributes
FROM spans FINAL
WHERE TraceId IN {traceIds:Array(String)}
