CREATE TABLE IF NOT EXISTS validation_runs_local ON CLUSTER 'trumpets' (
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY RunId;

CREATE TABLE IF NOT EXISTS validation_runs ON CLUSTER 'trumpets' AS validation_runs_local
ENGINE = Distributed('trumpets', currentDatabase(), 'validation_runs_local', cityHash64(RunId));

CREATE TABLE IF NOT EXISTS validation_results_local ON CLUSTER 'trumpets' (
    RunId String,
    CaseId String,
    Repeat UInt16,
    EpisodeId String,
    Score Nullable(Float64),
    ErrorKind LowCardinality(String),
    ErrorMessage String CODEC(ZSTD(3)),
    RecordedAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', RecordedAt)
ORDER BY (RunId, CaseId, Repeat);

CREATE TABLE IF NOT EXISTS validation_results ON CLUSTER 'trumpets' AS validation_results_local
ENGINE = Distributed('trumpets', currentDatabase(), 'validation_results_local', cityHash64(RunId));
