CREATE TABLE IF NOT EXISTS tool_calls_local ON CLUSTER 'trumpets' (
    EpisodeId String,
    SpanId String,
    ParentSpanId String,
    Agent LowCardinality(String),
    Workflow LowCardinality(String),
    ToolName LowCardinality(String),
    CallId String,
    Arguments String CODEC(ZSTD(3)),
    Result String CODEC(ZSTD(3)),
    Status LowCardinality(String),
    ErrorType LowCardinality(String),
    ErrorMessage String CODEC(ZSTD(3)),
    StartTime DateTime64(9),
    DurationMs Float64,
    AssembledAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', AssembledAt)
PARTITION BY toDate(StartTime)
ORDER BY (EpisodeId, SpanId)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS tool_calls ON CLUSTER 'trumpets' AS tool_calls_local
ENGINE = Distributed('trumpets', currentDatabase(), 'tool_calls_local', cityHash64(EpisodeId));
