-- Traces with spans received since a moment: what the assembler re-reads after a restart.
SELECT DISTINCT TraceId
FROM spans
WHERE ReceivedAt >= fromUnixTimestamp64Milli({sinceMs:Int64})
