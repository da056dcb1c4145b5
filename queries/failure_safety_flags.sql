-- The safety flags (a kind and a detail) raised in the given episodes of a clustering batch, those
-- assembly marked flagged: read from `safety_flags` by primary key, not from spans, whose read grew
-- with every span stored rather than with what was flagged.
SELECT
    EpisodeId,
    Kind,
    Detail,
    toUnixTimestamp64Milli(FlaggedAt) AS flaggedMs
FROM safety_flags FINAL
WHERE EpisodeId IN {episodeIds:Array(String)}
ORDER BY EpisodeId, FlaggedAt
