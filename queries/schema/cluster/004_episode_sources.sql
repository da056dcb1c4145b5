CREATE TABLE IF NOT EXISTS episode_sources_local ON CLUSTER 'trumpets' (
    EpisodeId String,
    SourceId String,
    SpanId String,
    Uri String,
    Tag LowCardinality(String),
    Score Nullable(Float64),
    Origin LowCardinality(String),
    ReadAt DateTime64(9),
    AssembledAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', AssembledAt)
PARTITION BY toDate(ReadAt)
ORDER BY (EpisodeId, SourceId, SpanId)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS episode_sources ON CLUSTER 'trumpets' AS episode_sources_local
ENGINE = Distributed('trumpets', currentDatabase(), 'episode_sources_local', cityHash64(EpisodeId));
