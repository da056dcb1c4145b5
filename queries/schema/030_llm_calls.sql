-- One row per model call inside an episode (an LLM-call span of any framework the collector reads),
-- so tokens and cost can be broken down by provider and model. The episode's InputTokens,
-- OutputTokens, CostUsd and LlmCallCount are the sums of its rows here.
-- Keyed by (EpisodeId, SpanId) like tool_calls: reassembly and repeated delivery replace rather
-- than add, and readers use FINAL. Partitioned by the call's start, which never changes.
CREATE TABLE IF NOT EXISTS llm_calls
(
    -- identity
    EpisodeId String,
    SpanId String,
    ParentSpanId String,
    Agent LowCardinality(String),
    -- the model
    Provider LowCardinality(String),
    RequestModel LowCardinality(String),
    ResponseModel LowCardinality(String),
    -- usage (0 where the framework recorded none, as streamed calls often do)
    InputTokens UInt64,
    OutputTokens UInt64,
    CacheReadTokens UInt64,
    ReasoningTokens UInt64,
    -- USD from the collector's price table; 0 for models it does not list
    CostUsd Float64,
    -- how it went: stop | length | tool_call | content_filter | the framework's own word
    FinishReason LowCardinality(String),
    StatusCode LowCardinality(String),
    Streamed Bool,
    StartTime DateTime64(9),
    LatencyMs Float64,
    AssembledAt DateTime64(6)
)
ENGINE = ReplacingMergeTree(AssembledAt)
PARTITION BY toDate(StartTime)
ORDER BY (EpisodeId, SpanId)
SETTINGS ttl_only_drop_parts = 1;
