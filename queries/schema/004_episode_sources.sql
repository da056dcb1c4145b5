-- What an episode read: `trumpets.source` events and documents of `retrieval` spans.
-- Keyed by (EpisodeId, SourceId, SpanId): the same document read by two retrievals is two rows,
-- the same delivery twice is one.
CREATE TABLE IF NOT EXISTS episode_sources
(
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
ENGINE = ReplacingMergeTree(AssembledAt)
PARTITION BY toDate(ReadAt)
ORDER BY (EpisodeId, SourceId, SpanId)
SETTINGS ttl_only_drop_parts = 1;
