-- Validation runs: one pass of a benchmark set through the agent as baseline or candidate, and what
-- the runner reported per case and repeat (the episode it produced, a score, or why it broke).
-- Latency, cost, outcome and safety flags are read from the episodes themselves at comparison time.
CREATE TABLE IF NOT EXISTS validation_runs
(
    RunId String,
    ProposalId String,
    Agent LowCardinality(String),
    Variant LowCardinality(String),
    ConfigVersion String,
    SetId String,
    SetVersion UInt32,
    Repeats UInt16,
    ExpectedRuns UInt32,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplacingMergeTree
ORDER BY RunId;

-- Keyed by (RunId, CaseId, Repeat): a result reported twice (a retried request) is one row, the newest winning.
CREATE TABLE IF NOT EXISTS validation_results
(
    RunId String,
    CaseId String,
    Repeat UInt16,
    EpisodeId String,
    Score Nullable(Float64),
    ErrorKind LowCardinality(String),
    ErrorMessage String CODEC(ZSTD(3)),
    RecordedAt DateTime64(6)
)
ENGINE = ReplacingMergeTree(RecordedAt)
ORDER BY (RunId, CaseId, Repeat);
