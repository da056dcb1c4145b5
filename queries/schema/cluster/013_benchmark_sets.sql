CREATE TABLE IF NOT EXISTS benchmark_sets_local ON CLUSTER 'trumpets' (
    SetId String,
    Version UInt32,
    Agent LowCardinality(String),
    Description String,
    Rules String CODEC(ZSTD(3)),
    ParentVersion UInt32,
    CaseCount UInt32,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (SetId, Version);

CREATE TABLE IF NOT EXISTS benchmark_sets ON CLUSTER 'trumpets' AS benchmark_sets_local
ENGINE = Distributed('trumpets', currentDatabase(), 'benchmark_sets_local', cityHash64(SetId));

CREATE TABLE IF NOT EXISTS benchmark_cases_local ON CLUSTER 'trumpets' (
    SetId String,
    Version UInt32,
    CaseId String,
    Input String CODEC(ZSTD(3)),
    Reference String CODEC(ZSTD(3)),
    ReferenceKind LowCardinality(String),
    Tags Array(LowCardinality(String)),
    Workflow LowCardinality(String),
    Origin LowCardinality(String),
    SourceEpisodeId String,
    FailureClusterId String
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (SetId, Version, CaseId);

CREATE TABLE IF NOT EXISTS benchmark_cases ON CLUSTER 'trumpets' AS benchmark_cases_local
ENGINE = Distributed('trumpets', currentDatabase(), 'benchmark_cases_local', cityHash64(SetId));
