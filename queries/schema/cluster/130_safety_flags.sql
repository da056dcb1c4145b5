CREATE TABLE IF NOT EXISTS safety_flags_local ON CLUSTER 'trumpets' (
    EpisodeId String,
    SpanId String,
    Kind LowCardinality(String),
    Detail String CODEC(ZSTD(3)),
    FlaggedAt DateTime64(9),
    AssembledAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', AssembledAt)
PARTITION BY toDate(FlaggedAt)
ORDER BY (EpisodeId, SpanId, FlaggedAt, Kind)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS safety_flags ON CLUSTER 'trumpets' AS safety_flags_local
ENGINE = Distributed('trumpets', currentDatabase(), 'safety_flags_local', cityHash64(EpisodeId));

INSERT INTO safety_flags (EpisodeId, SpanId, Kind, Detail, FlaggedAt, AssembledAt)
SELECT TraceId, SpanId, EventAttributes['trumpets.safety.kind'], EventAttributes['trumpets.safety.detail'], EventTime, now64(6)
FROM spans FINAL
ARRAY JOIN `Events.Name` AS EventName, `Events.Attributes` AS EventAttributes, `Events.Timestamp` AS EventTime
WHERE EventName = 'trumpets.safety.flag';
