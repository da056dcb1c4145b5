-- Proposals, newest first, with their state and their latest gate decision (per-metric verdicts as
-- JSON): what the Grafana proposal scorecard lists. '' for agent or state means any.
SELECT
    p.ProposalId AS ProposalId,
    p.Agent AS Agent,
    p.TargetKind AS TargetKind,
    p.TargetPath AS TargetPath,
    p.BenchmarkSetId AS BenchmarkSetId,
    p.BaselineVersion AS BaselineVersion,
    p.CandidateVersion AS CandidateVersion,
    p.Rationale AS Rationale,
    p.Author AS Author,
    p.AuthorKind AS AuthorKind,
    p.FailureClusterId AS FailureClusterId,
    toUnixTimestamp64Milli(p.CreatedAt) AS createdMs,
    s.State AS State,
    toUnixTimestamp64Milli(s.UpdatedAt) AS updatedMs,
    d.LatestDecisionId AS DecisionId,
    d.LatestVerdict AS Verdict,
    d.LatestEnforced AS Enforced,
    d.LatestMetrics AS Metrics,
    toUnixTimestamp64Milli(d.LatestDecidedAt) AS decidedMs
FROM (SELECT * FROM proposals FINAL WHERE {agent:String} = '' OR Agent = {agent:String}) AS p
LEFT JOIN proposal_states AS s ON s.ProposalId = p.ProposalId
LEFT JOIN
(
    SELECT
        ProposalId,
        argMax(DecisionId, DecidedAt) AS LatestDecisionId,
        argMax(Verdict, DecidedAt) AS LatestVerdict,
        argMax(Enforced, DecidedAt) AS LatestEnforced,
        argMax(Metrics, DecidedAt) AS LatestMetrics,
        max(DecidedAt) AS LatestDecidedAt
    FROM gate_decisions
    GROUP BY ProposalId
) AS d ON d.ProposalId = p.ProposalId
WHERE {state:String} = '' OR s.State = {state:String}
ORDER BY p.CreatedAt DESC, p.ProposalId
LIMIT {limit:UInt32}
