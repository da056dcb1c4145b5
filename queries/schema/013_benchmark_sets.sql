-- Benchmark sets: cases drawn from real episodes by rule (or added by hand), frozen as numbered
-- versions. A version is never changed: adding cases makes the next version, so a gate decision's
-- (SetId, Version) always names the exact cases it was decided on. Keyed so a retried write is one row.
CREATE TABLE IF NOT EXISTS benchmark_sets
(
    SetId String,
    Version UInt32,
    Agent LowCardinality(String),
    Description String,
    -- the rules it was drawn by and what each gave, as JSON
    Rules String CODEC(ZSTD(3)),
    ParentVersion UInt32,
    CaseCount UInt32,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplacingMergeTree
ORDER BY (SetId, Version);

CREATE TABLE IF NOT EXISTS benchmark_cases
(
    -- identity: CaseId is a content hash of input and reference, stable across versions
    SetId String,
    Version UInt32,
    CaseId String,
    -- the case, as JSON; Reference '' when there is none
    Input String CODEC(ZSTD(3)),
    Reference String CODEC(ZSTD(3)),
    ReferenceKind LowCardinality(String),
    Tags Array(LowCardinality(String)),
    Workflow LowCardinality(String),
    -- where it came from
    Origin LowCardinality(String),
    SourceEpisodeId String,
    FailureClusterId String
)
ENGINE = ReplacingMergeTree
ORDER BY (SetId, Version, CaseId);
