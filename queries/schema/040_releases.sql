-- Releases: a validated proposal (or, for an agent's first release, a config version) promoted with
-- an owner and a reason, the gate decision it passed and the release it replaces. Immutable once
-- made; everything that happens to a release afterwards is a row in release_events.
CREATE TABLE IF NOT EXISTS releases
(
    -- identity
    ReleaseId String,
    Agent LowCardinality(String),
    -- what it runs and where it came from
    ConfigVersion String,
    ProposalId String,
    DecisionId String,
    DecisionVerdict LowCardinality(String),
    OverrideReason String CODEC(ZSTD(3)),
    PreviousReleaseId String,
    -- who and why
    Owner String,
    Reason String CODEC(ZSTD(3)),
    -- the release policy in force when it was created (JSON), so later policy changes never change a running rollout
    Policy String CODEC(ZSTD(3)),
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = MergeTree
ORDER BY (Agent, CreatedAt, ReleaseId);

-- The audit trail and the release history are the same rows: every action on a release (and every
-- refused one, and policy changes, whose ReleaseId is empty), with actor and reason. Outcome `done`
-- changes state; `refused`, `noop` and `pending` are recorded for the audit trail only.
CREATE TABLE IF NOT EXISTS release_events
(
    EventId String,
    Agent LowCardinality(String),
    ReleaseId String,
    Action LowCardinality(String),
    Outcome LowCardinality(String),
    -- the rollout after the action: stage index and traffic share in percent
    StageIndex Int32,
    Percent Float64,
    Actor String,
    Reason String CODEC(ZSTD(3)),
    Details String CODEC(ZSTD(3)),
    At DateTime64(6)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(At)
ORDER BY (Agent, At, EventId);

-- Release policies, one complete document per change; the newest per agent is in force.
CREATE TABLE IF NOT EXISTS release_policies
(
    Agent LowCardinality(String),
    Version String,
    Policy String,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = MergeTree
ORDER BY (Agent, CreatedAt);
