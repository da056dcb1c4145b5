-- Episodes sorted by (Agent, StartTime, EpisodeId), for the Grafana panels' queries: a time range
-- of one agent (or of all) skips every granule outside it, where the sort key (EpisodeId) gave
-- them nothing to skip. The partition (toDate(StartTime)) is now a function of the sort key, so
-- one episode's rows always share a partition and FINAL merges within partitions only (the
-- engine decides that by itself: enable_automatic_decision_for_merging_across_partitions_for_final).
-- Agent and StartTime come from the episode's root, which a later outer agent span can replace:
-- the assembler then writes the old key's row again with IsDeleted = 1 and the new version, and
-- ReplacingMergeTree(AssembledAt, IsDeleted) drops it under FINAL (readers without FINAL filter
-- IsDeleted = 0). A bloom filter on EpisodeId keeps lookups by id from scanning every granule.
-- CREATE OR REPLACE … AS SELECT the live rows: the table is swapped in one step, and running it
-- again copies the same live rows again.
CREATE OR REPLACE TABLE episodes
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
ORDER BY (Agent, StartTime, EpisodeId)
SETTINGS ttl_only_drop_parts = 1
AS SELECT
    EpisodeId, TraceId, RootSpanId, ServiceName, Agent, AgentVersion, Workflow, ReleaseId, ConversationId,
    Outcome, StatusCode, ErrorType, ErrorMessage, Input, Output, InputTruncated, OutputTruncated,
    StartTime, EndTime, LatencyMs, InputTokens, OutputTokens, CostUsd, LlmCallCount, ToolCallCount,
    ToolErrorCount, SourceCount, SpanCount, Attributes, AssembledAt, 0 AS IsDeleted
FROM episodes FINAL;
