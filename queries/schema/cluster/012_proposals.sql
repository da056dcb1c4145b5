CREATE TABLE IF NOT EXISTS proposals_local ON CLUSTER 'trumpets' (
    ProposalId String,
    Agent LowCardinality(String),
    TargetKind LowCardinality(String),
    BaselineVersion String,
    CandidateVersion String,
    TargetPath String,
    Before String CODEC(ZSTD(3)),
    After String CODEC(ZSTD(3)),
    BenchmarkSetId String,
    BenchmarkCase String CODEC(ZSTD(3)),
    Rationale String CODEC(ZSTD(3)),
    Author String,
    AuthorKind LowCardinality(String),
    FailureClusterId String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY ProposalId;

CREATE TABLE IF NOT EXISTS proposals ON CLUSTER 'trumpets' AS proposals_local
ENGINE = Distributed('trumpets', currentDatabase(), 'proposals_local', cityHash64(ProposalId));

CREATE TABLE IF NOT EXISTS proposal_events_local ON CLUSTER 'trumpets' (
    ProposalId String,
    EventId String,
    State LowCardinality(String),
    Reason String CODEC(ZSTD(3)),
    Actor String,
    DecisionId String,
    At DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (ProposalId, At, EventId);

CREATE TABLE IF NOT EXISTS proposal_events ON CLUSTER 'trumpets' AS proposal_events_local
ENGINE = Distributed('trumpets', currentDatabase(), 'proposal_events_local', cityHash64(ProposalId));

CREATE VIEW IF NOT EXISTS proposal_states ON CLUSTER 'trumpets' AS
SELECT
    ProposalId,
    argMax(State, (At, EventId)) AS State,
    max(At) AS UpdatedAt
FROM proposal_events
GROUP BY ProposalId;
