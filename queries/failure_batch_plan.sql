-- What a clustering pass reads after its watermark, up to {upToMicros}: per assembly stamp (µs
-- since the epoch), in order, how many of its rows are worth clustering (failed, escalated,
-- tool-failed or safety-flagged episodes, and corrections), the first {maxStamps} stamps. The pass
-- cuts them into batches, never cutting one stamp; no row means nothing new was assembled. A stamp
-- of other episodes alone comes with no rows: one of them may be corrected, which the batch's read
-- finds (failure_episodes) and the plan need not; looked up here, the corrections cost most of it.
SELECT toUnixTimestamp64Micro(At) AS micros, sum(worth) AS rows
FROM
(
    SELECT AssembledAt AS At, toUInt64(Outcome IN ('failure', 'escalated') OR ToolErrorCount > 0 OR SafetyFlagged) AS worth
    FROM episodes
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
      AND IsDeleted = 0
    UNION ALL
    SELECT AssembledAt AS At, toUInt64(1) AS worth
    FROM corrections
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
)
GROUP BY At
ORDER BY At
LIMIT {maxStamps:UInt32}
