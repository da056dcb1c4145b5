-- The safety flags (a kind and a detail) raised in the episodes assembled in a clustering batch
-- ((after, until]) that assembly marked flagged: read from `safety_flags` by primary key, not from
-- spans, whose read grew with every span stored rather than with what was flagged.
SELECT
    EpisodeId,
    Kind,
    Detail,
    toUnixTimestamp64Milli(FlaggedAt) AS flaggedMs
FROM safety_flags FINAL
WHERE EpisodeId IN
    (
        SELECT EpisodeId
        FROM episodes
        WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
          AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
          AND SafetyFlagged
    )
ORDER BY EpisodeId, FlaggedAt
