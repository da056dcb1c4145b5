-- The safety flags (`trumpets.safety.flag` events: a kind and a detail) raised in the episodes
-- assembled in a clustering batch ((after, until]).
SELECT
    TraceId AS EpisodeId,
    EventAttributes['trumpets.safety.kind'] AS Kind,
    EventAttributes['trumpets.safety.detail'] AS Detail,
    toUnixTimestamp64Milli(EventTime) AS flaggedMs
FROM spans FINAL
ARRAY JOIN `Events.Name` AS EventName, `Events.Attributes` AS EventAttributes, `Events.Timestamp` AS EventTime
WHERE TraceId IN
    (
        SELECT EpisodeId
        FROM episodes
        WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
          AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
    )
  AND EventName = 'trumpets.safety.flag'
ORDER BY EpisodeId, EventTime
