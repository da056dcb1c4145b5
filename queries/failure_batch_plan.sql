-- What a clustering pass reads after its watermark, up to {upToMicros}: per assembly stamp (µs
-- since the epoch), in order, its rows worth clustering (failed, escalated, tool-failed,
-- safety-flagged or corrected episodes, and corrections), the first {maxStamps} stamps. The pass
-- cuts them into batches, never cutting one stamp; no row means nothing new is worth clustering.
WITH assembled AS
(
    SELECT EpisodeId, AssembledAt, Outcome, ToolErrorCount, SafetyFlagged
    FROM episodes
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
      AND IsDeleted = 0
),
-- Only episodes neither failed, tool-failed nor flagged need looking up among corrections: the
-- rest are read anyway, so the set the lookup builds holds only these.
quiet AS
(
    SELECT EpisodeId FROM assembled WHERE Outcome NOT IN ('failure', 'escalated') AND ToolErrorCount = 0 AND NOT SafetyFlagged
)
SELECT toUnixTimestamp64Micro(At) AS micros, count() AS rows
FROM
(
    SELECT AssembledAt AS At
    FROM assembled
    WHERE Outcome IN ('failure', 'escalated') OR ToolErrorCount > 0 OR SafetyFlagged
       OR EpisodeId IN (SELECT EpisodeId FROM corrections WHERE EpisodeId IN (SELECT EpisodeId FROM quiet))
    UNION ALL
    SELECT AssembledAt AS At
    FROM corrections
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
)
GROUP BY At
ORDER BY At
LIMIT {maxStamps:UInt32}
