CREATE TABLE IF NOT EXISTS llm_calls_local ON CLUSTER 'trumpets' (
    EpisodeId String,
    SpanId String,
    ParentSpanId String,
    Agent LowCardinality(String),
    Provider LowCardinality(String),
    RequestModel LowCardinality(String),
    ResponseModel LowCardinality(String),
    InputTokens UInt64,
    OutputTokens UInt64,
    CacheReadTokens UInt64,
    ReasoningTokens UInt64,
    CostUsd Float64,
    FinishReason LowCardinality(String),
    StatusCode LowCardinality(String),
    Streamed Bool,
    StartTime DateTime64(9),
    LatencyMs Float64,
    AssembledAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', AssembledAt)
PARTITION BY toDate(StartTime)
ORDER BY (EpisodeId, SpanId)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS llm_calls ON CLUSTER 'trumpets' AS llm_calls_local
ENGINE = Distributed('trumpets', currentDatabase(), 'llm_calls_local', cityHash64(EpisodeId));
