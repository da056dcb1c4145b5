-- The corrections a clustering batch ((after, until]) clusters: those assembled in it, and all
-- corrections of episodes assembled in it (a correction may arrive before its episode).
SELECT CorrectionId, EpisodeId, substring(Reason, 1, 400) AS Reason, toUnixTimestamp64Milli(CreatedAt) AS createdMs
FROM corrections FINAL
WHERE (AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64}) AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64}))
   OR EpisodeId IN
    (
        SELECT EpisodeId
        FROM episodes
        WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
          AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
    )
