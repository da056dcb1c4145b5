-- The safety flags (a kind and a detail) of the episodes a clustering batch reads as flagged
-- (assembled in (after, until] and marked by assembly): read from `safety_flags` by primary key,
-- not from spans, whose read grew with every span stored rather than with what was flagged. The
-- ids come from the batch's episodes here in the engine, so a batch asks for its flags together
-- with its episodes, not once those have been read. An episode whose newest assembly in the batch
-- is not flagged but an earlier one was brings its flags too: the reader files flags only under an
-- episode whose newest assembly is flagged.
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
          AND IsDeleted = 0
          AND SafetyFlagged
    )
ORDER BY EpisodeId, FlaggedAt
