-- An agent's releases, oldest first (their state comes from release_events).
SELECT
    ReleaseId,
    Agent,
    ConfigVersion,
    ProposalId,
    DecisionId,
    DecisionVerdict,
    OverrideReason,
    PreviousReleaseId,
    Owner,
    Reason,
    Policy,
    CreatedBy,
    toUnixTimestamp64Milli(CreatedAt) AS createdMs
FROM releases
WHERE Agent = {agent:String}
ORDER BY CreatedAt, ReleaseId
