-- Gate policies, one document per change (the newest per agent is in force), and gate decisions:
-- the verdict on a proposal with its reasons, linked to the two runs, the exact baseline and
-- candidate config versions, the set version and the policy it was judged by. Both append-only.
CREATE TABLE IF NOT EXISTS gate_policies
(
    Agent LowCardinality(String),
    Version String,
    Policy String,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = MergeTree
ORDER BY (Agent, CreatedAt);

CREATE TABLE IF NOT EXISTS gate_decisions
(
    -- identity and links
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
    -- the verdict and why
    Verdict LowCardinality(String),
    Enforced Bool,
    Reasons Array(String),
    -- per metric (verdict, sentence, effect, interval, test) and per case, as JSON
    Metrics String CODEC(ZSTD(3)),
    Cases String CODEC(ZSTD(3)),
    Health String CODEC(ZSTD(3)),
    -- the bootstrap seed: the same runs and policy recompute the same decision
    Seed String,
    DecidedBy String,
    DecidedAt DateTime64(6)
)
ENGINE = MergeTree
ORDER BY (ProposalId, DecidedAt, DecisionId);
