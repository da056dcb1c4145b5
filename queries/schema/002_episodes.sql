-- One row per episode (one trace whose root is an `invoke_agent` span), rebuilt whenever more of
-- its spans arrive. ReplacingMergeTree(AssembledAt): the newest assembly wins; readers use FINAL.
-- Partitioned by the root's start, which is fixed once the root exists (no root, no episode row).
CREATE TABLE IF NOT EXISTS episodes
(
    -- identity
    EpisodeId String,
    TraceId String,
    RootSpanId String,
    -- who
    ServiceName LowCardinality(String),
    Agent LowCardinality(String),
    AgentVersion LowCardinality(String),
    Workflow LowCardinality(String),
    ReleaseId LowCardinality(String),
    ConversationId String,
    -- what happened
    Outcome LowCardinality(String),
    StatusCode LowCardinality(String),
    ErrorType LowCardinality(String),
    ErrorMessage String CODEC(ZSTD(3)),
    Input String CODEC(ZSTD(3)),
    Output String CODEC(ZSTD(3)),
    InputTruncated Bool,
    OutputTruncated Bool,
    -- when and how much
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
ENGINE = ReplacingMergeTree(AssembledAt)
PARTITION BY toDate(StartTime)
ORDER BY (EpisodeId)
SETTINGS ttl_only_drop_parts = 1;
