-- The state history of one proposal, oldest first.
SELECT
    State,
    Reason,
    Actor,
    DecisionId,
    toUnixTimestamp64Milli(At) AS atMs
FROM proposal_events
WHERE ProposalId = {proposalId:String}
ORDER BY At, EventId
