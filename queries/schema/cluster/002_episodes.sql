CREATE TABLE IF NOT EXISTS episodes_local ON CLUSTER 'trumpets' (
    EpisodeId String,
    TraceId String,
    RootSpanId String,
    ServiceName LowCardinality(String),
    Agent LowCardinality(String),
    AgentVersion LowCardinality(String),
    Workflow LowCardinality(String),
    ReleaseId LowCardinality(String),
    ConversationId String,
    Outcome LowCardinality(String),
    StatusCode LowCardinality(String),
    ErrorType LowCardinality(String),
    ErrorMessage String CODEC(ZSTD(3)),
    Input String CODEC(ZSTD(3)),
    Output String CODEC(ZSTD(3)),
    InputTruncated Bool,
    OutputTruncated Bool,
    StartTime DateTime64(9),
    EndTime DateTime64(9),
    LatencyMs Float64,
    InputTokens UInt64,
    OutputTokens UInt64,
    LlmCallCount UInt32,
    ToolCallCount UInt32,
    ToolErrorCount UInt32,
    SourceCount UInt32,
    SpanCount UInt32,
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
    AssembledAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', AssembledAt)
PARTITION BY toDate(StartTime)
ORDER BY (EpisodeId)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS episodes ON CLUSTER 'trumpets' AS episodes_local
ENGINE = Distributed('trumpets', currentDatabase(), 'episodes_local', cityHash64(EpisodeId));
