-- One gate decision in full: per metric and per case.
SELECT
    DecisionId,
    ProposalId,
    Agent,
    BaselineRunId,
    CandidateRunId,
    BaselineVersion,
    CandidateVersion,
    SetId,
    SetVersion,
    PolicyVersion,
    Policy,
    Verdict,
    Enforced,
    Reasons,
    Metrics,
    Cases,
    Health,
    Seed,
    Attempt,
    DecidedBy,
    toUnixTimestamp64Milli(DecidedAt) AS decidedMs
FROM gate_decisions
WHERE DecisionId = {decisionId:String}
