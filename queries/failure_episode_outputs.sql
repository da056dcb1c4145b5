-- The answers (their first 400 characters) of the episodes of a clustering batch that failed or
-- were escalated with neither an error nor a reason: failure_episodes marks them (NeedsOutput),
-- and they are few, so only their answers are read.
SELECT
    EpisodeId,
    toUnixTimestamp64Micro(AssembledAt) AS assembledMicros,
    substring(Output, 1, 400) AS Output
FROM episodes
WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
  AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
  AND IsDeleted = 0
  AND EpisodeId IN {episodeIds:Array(String)}
