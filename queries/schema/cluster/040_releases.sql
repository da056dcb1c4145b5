CREATE TABLE IF NOT EXISTS releases_local ON CLUSTER 'trumpets' (
    ReleaseId String,
    Agent LowCardinality(String),
    ConfigVersion String,
    ProposalId String,
    DecisionId String,
    DecisionVerdict LowCardinality(String),
    OverrideReason String CODEC(ZSTD(3)),
    PreviousReleaseId String,
    Owner String,
    Reason String CODEC(ZSTD(3)),
    Policy String CODEC(ZSTD(3)),
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (Agent, CreatedAt, ReleaseId);

CREATE TABLE IF NOT EXISTS releases ON CLUSTER 'trumpets' AS releases_local
ENGINE = Distributed('trumpets', currentDatabase(), 'releases_local', cityHash64(Agent));

CREATE TABLE IF NOT EXISTS release_events_local ON CLUSTER 'trumpets' (
    EventId String,
    Agent LowCardinality(String),
    ReleaseId String,
    Action LowCardinality(String),
    Outcome LowCardinality(String),
    StageIndex Int32,
    Percent Float64,
    Actor String,
    Reason String CODEC(ZSTD(3)),
    Details String CODEC(ZSTD(3)),
    At DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
PARTITION BY toYYYYMM(At)
ORDER BY (Agent, At, EventId);

CREATE TABLE IF NOT EXISTS release_events ON CLUSTER 'trumpets' AS release_events_local
ENGINE = Distributed('trumpets', currentDatabase(), 'release_events_local', cityHash64(Agent));

CREATE TABLE IF NOT EXISTS release_policies_local ON CLUSTER 'trumpets' (
    Agent LowCardinality(String),
    Version String,
    Policy String,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (Agent, CreatedAt);

CREATE TABLE IF NOT EXISTS release_policies ON CLUSTER 'trumpets' AS release_policies_local
ENGINE = Distributed('trumpets', currentDatabase(), 'release_policies_local', cityHash64(Agent));
