-- The id of the latest gate decision on a proposal.
SELECT DecisionId
FROM gate_decisions
WHERE ProposalId = {proposalId:String}
ORDER BY DecidedAt DESC, DecisionId DESC
LIMIT 1
