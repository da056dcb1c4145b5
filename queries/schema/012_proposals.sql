-- Proposals: one small change to an agent's config (or one new benchmark case), immutable once
-- made. Their state lives in an append-only event table and a view of the latest event, so the
-- history of every proposal is kept: nothing is updated in place.
CREATE TABLE IF NOT EXISTS proposals
(
    -- identity
    ProposalId String,
    Agent LowCardinality(String),
    -- what it changes: a config target (JSON Pointer, before → after as JSON, '' when absent) ...
    TargetKind LowCardinality(String),
    BaselineVersion String,
    CandidateVersion String,
    TargetPath String,
    Before String CODEC(ZSTD(3)),
    After String CODEC(ZSTD(3)),
    -- ... or a benchmark case to add to a set (JSON of the case)
    BenchmarkSetId String,
    BenchmarkCase String CODEC(ZSTD(3)),
    -- why and who
    Rationale String CODEC(ZSTD(3)),
    Author String,
    AuthorKind LowCardinality(String),
    FailureClusterId String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplacingMergeTree
ORDER BY ProposalId;

-- draft → validating → validated | rejected → promoted | withdrawn, one row per move.
CREATE TABLE IF NOT EXISTS proposal_events
(
    ProposalId String,
    EventId String,
    State LowCardinality(String),
    Reason String CODEC(ZSTD(3)),
    Actor String,
    -- the gate decision that caused the move, when one did
    DecisionId String,
    At DateTime64(6)
)
ENGINE = MergeTree
ORDER BY (ProposalId, At, EventId);

CREATE VIEW IF NOT EXISTS proposal_states AS
SELECT
    ProposalId,
    argMax(State, (At, EventId)) AS State,
    max(At) AS UpdatedAt
FROM proposal_events
GROUP BY ProposalId;
