-- One row per `execute_tool` span inside an episode. Keyed by (EpisodeId, SpanId) so reassembly
-- and duplicate delivery replace rather than add; readers use FINAL.
CREATE TABLE IF NOT EXISTS tool_calls
(
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
ENGINE = ReplacingMergeTree(AssembledAt)
PARTITION BY toDate(StartTime)
ORDER BY (EpisodeId, SpanId)
SETTINGS ttl_only_drop_parts = 1;
