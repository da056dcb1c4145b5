-- The end of the next clustering batch, in µs since the epoch: the assembly stamp by which {limit}
-- rows worth clustering were assembled after the watermark (failed, escalated, tool-failed,
-- safety-flagged or corrected episodes, and corrections), never cutting one stamp (WITH TIES);
-- and how many rows that is. Fewer than {limit} rows means the batch runs to {upToMicros}.
WITH assembled AS
(
    SELECT EpisodeId, AssembledAt, Outcome, ToolErrorCount
    FROM episodes
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
      AND IsDeleted = 0
)
SELECT count() AS rows, toUnixTimestamp64Micro(max(At)) AS untilMicros
FROM
(
    SELECT At
    FROM
    (
        SELECT AssembledAt AS At
        FROM assembled
        WHERE Outcome IN ('failure', 'escalated') OR ToolErrorCount > 0
           OR EpisodeId IN (SELECT EpisodeId FROM corrections WHERE EpisodeId IN (SELECT EpisodeId FROM assembled))
           OR EpisodeId IN (SELECT TraceId FROM spans WHERE TraceId IN (SELECT EpisodeId FROM assembled) AND has(`Events.Name`, 'trumpets.safety.flag'))
        UNION ALL
        SELECT AssembledAt AS At
        FROM corrections
        WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
          AND AssembledAt <= fromUnixTimestamp64Micro({upToMicros:Int64})
    )
    ORDER BY At
    LIMIT {limit:UInt32} WITH TIES
)
