CREATE TABLE IF NOT EXISTS gate_policies_local ON CLUSTER 'trumpets' (
    Agent LowCardinality(String),
    Version String,
    Policy String,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (Agent, CreatedAt);

CREATE TABLE IF NOT EXISTS gate_policies ON CLUSTER 'trumpets' AS gate_policies_local
ENGINE = Distributed('trumpets', currentDatabase(), 'gate_policies_local', cityHash64(Agent));

CREATE TABLE IF NOT EXISTS gate_decisions_local ON CLUSTER 'trumpets' (
    DecisionId String,
    ProposalId String,
    Agent LowCardinality(String),
    BaselineRunId String,
    CandidateRunId String,
    BaselineVersion String,
    CandidateVersion String,
    SetId String,
    SetVersion UInt32,
    PolicyVersion String,
    Policy String,
    Verdict LowCardinality(String),
    Enforced Bool,
    Reasons Array(String),
    Metrics String CODEC(ZSTD(3)),
    Cases String CODEC(ZSTD(3)),
    Health String CODEC(ZSTD(3)),
    Seed String,
    DecidedBy String,
    DecidedAt DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (ProposalId, DecidedAt, DecisionId);

CREATE TABLE IF NOT EXISTS gate_decisions ON CLUSTER 'trumpets' AS gate_decisions_local
ENGINE = Distributed('trumpets', currentDatabase(), 'gate_decisions_local', cityHash64(ProposalId));
