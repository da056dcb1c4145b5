-- Episodes sorted by (Agent, StartTime, EpisodeKey), EpisodeKey = cityHash64(EpisodeId): what FINAL
-- reads to tell an episode's versions apart shrinks from the 32-character id (about 29 bytes a
-- row compressed: random hex barely compresses) to 8 bytes. FINAL reads the whole sort key, so on
-- 10M episodes the id had been most of what the panels' queries read beyond a bare scan. Two
-- episodes share a sort key only with the same agent, the same start to the nanosecond and a 64-bit
-- hash collision. Everything else is as in 050: one episode's versions share the key (the id, the
-- root's agent and start), a changed root writes the old key's row again with IsDeleted = 1, the
-- bloom filter on EpisodeId serves lookups by id. EpisodeKey is MATERIALIZED: writers never name it.
-- ErrorHeadline (migration 105, which adds it where it is missing) is made here empty, as 105 leaves
-- rows assembled before it: readers fall back to the message.
-- CREATE OR REPLACE … AS SELECT the live rows: the table is swapped in one step, and running it
-- again copies the same live rows again.
CREATE OR REPLACE TABLE episodes
(
    -- identity
    EpisodeId String,
    EpisodeKey UInt64 MATERIALIZED cityHash64(EpisodeId),
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
    ErrorHeadline String DEFAULT '' CODEC(ZSTD(3)),
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
    CostUsd Float64 DEFAULT 0,
    LlmCallCount UInt32,
    ToolCallCount UInt32,
    ToolErrorCount UInt32,
    SourceCount UInt32,
    SpanCount UInt32,
    Attributes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
    -- versioning
    AssembledAt DateTime64(6),
    IsDeleted UInt8 DEFAULT 0,
    INDEX assembled_at_idx AssembledAt TYPE minmax GRANULARITY 1,
    INDEX episode_id_idx EpisodeId TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(AssembledAt, IsDeleted)
PARTITION BY toDate(StartTime)
ORDER BY (Agent, StartTime, EpisodeKey)
SETTINGS ttl_only_drop_parts = 1
AS SELECT
    EpisodeId, TraceId, RootSpanId, ServiceName, Agent, AgentVersion, Workflow, ReleaseId, ConversationId,
    Outcome, StatusCode, ErrorType, ErrorMessage, '' AS ErrorHeadline, Input, Output, InputTruncated, OutputTruncated,
    StartTime, EndTime, LatencyMs, InputTokens, OutputTokens, CostUsd, LlmCallCount, ToolCallCount,
    ToolErrorCount, SourceCount, SpanCount, Attributes, AssembledAt, 0 AS IsDeleted
FROM episodes FINAL;
