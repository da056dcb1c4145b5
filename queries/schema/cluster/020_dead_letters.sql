CREATE TABLE IF NOT EXISTS dead_letters_local ON CLUSTER 'trumpets' (
    Id String,
    TableName LowCardinality(String),
    Columns Array(LowCardinality(String)),
    Row String CODEC(ZSTD(3)),
    Reason LowCardinality(String),
    Error String CODEC(ZSTD(3)),
    Status LowCardinality(String),
    FirstHeldAt DateTime64(3),
    UpdatedAt DateTime64(3)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', UpdatedAt)
PARTITION BY toYYYYMM(FirstHeldAt)
ORDER BY Id;

CREATE TABLE IF NOT EXISTS dead_letters ON CLUSTER 'trumpets' AS dead_letters_local
ENGINE = Distributed('trumpets', currentDatabase(), 'dead_letters_local', cityHash64(Id));
