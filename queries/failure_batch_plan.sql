-- What a clustering pass reads after its watermark, up to {upToMicros}: per assembly stamp (µs
-- since the epoch), in order, its rows worth clustering (failed, escalated, tool-failed,
-- safety-flagged or corrected episodes, and corrections), the first {maxStamps} stamps. The pass
-- cuts them into batches, never cutting one stamp; no row means nothing new is worth clustering.
WITH assembled AS
(
    SELECT EpisodeId, AssembledAt, Outcome, ToolErrorCount
    FROM episodes
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
      AND IsDeleted = 0
),
-- Only episodes neither failed nor tool-failed need looking up among corrections and flags: the
-- rest are read anyway, so the sets the lookups build hold only these.
quiet AS
(
    SELECT EpisodeId FROM assembled WHERE Outcome NOT IN ('failure', 'escalated') AND ToolErrorCount = 0
)
SELECT toUnixTimestamp64Micro(At) AS micros, count() AS rows
FROM
(
    SELECT AssembledAt AS At
    FROM assembled
    WHERE Outcome IN ('failure', 'escalated') OR ToolErrorCount > 0
       OR EpisodeId IN (SELECT EpisodeId FROM corrections WHERE EpisodeId IN (SELECT EpisodeId FROM quiet))
       OR EpisodeId IN (SELECT TraceId FROM spans WHERE TraceId IN (SELECT EpisodeId FROM quiet) AND has(`Events.Name`, 'trumpets.safety.flag'))
    UNION ALL
    SELECT AssembledAt AS At
    FROM corrections
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
)
GROUP BY At
ORDER BY At
LIMIT {maxStamps:UInt32}
