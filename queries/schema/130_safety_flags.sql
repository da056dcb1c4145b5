-- The safety flags raised in an episode (`trumpets.safety.flag` events: a kind and a detail), one
-- row per event, written at assembly as corrections and sources are. Keyed by the episode first,
-- so failure clustering reads a batch's flags by primary key, never scanning spans: a batch's
-- trace ids matched some span in nearly every part of the spans table. A re-assembly or repeated
-- delivery replaces rather than adds. Flags in spans stored before are copied once.
CREATE TABLE IF NOT EXISTS safety_flags
(
    EpisodeId String,
    SpanId String,
    Kind LowCardinality(String),
    Detail String CODEC(ZSTD(3)),
    FlaggedAt DateTime64(9),
    AssembledAt DateTime64(6)
)
ENGINE = ReplacingMergeTree(AssembledAt)
PARTITION BY toDate(FlaggedAt)
ORDER BY (EpisodeId, SpanId, FlaggedAt, Kind)
SETTINGS ttl_only_drop_parts = 1;
INSERT INTO safety_flags (EpisodeId, SpanId, Kind, Detail, FlaggedAt, AssembledAt)
SELECT TraceId, SpanId, EventAttributes['trumpets.safety.kind'], EventAttributes['trumpets.safety.detail'], EventTime, now64(6)
FROM spans FINAL
ARRAY JOIN `Events.Name` AS EventName, `Events.Attributes` AS EventAttributes, `Events.Timestamp` AS EventTime
WHERE EventName = 'trumpets.safety.flag';
