-- One proposal with its current state.
SELECT
    p.ProposalId AS ProposalId,
    p.Agent AS Agent,
    p.TargetKind AS TargetKind,
    p.BaselineVersion AS BaselineVersion,
    p.CandidateVersion AS CandidateVersion,
    p.TargetPath AS TargetPath,
    p.Before AS Before,
    p.After AS After,
    p.BenchmarkSetId AS BenchmarkSetId,
    p.BenchmarkCase AS BenchmarkCase,
    p.Rationale AS Rationale,
    p.Author AS Author,
    p.AuthorKind AS AuthorKind,
    p.FailureClusterId AS FailureClusterId,
    toUnixTimestamp64Milli(p.CreatedAt) AS createdMs,
    s.State AS State,
    toUnixTimestamp64Milli(s.UpdatedAt) AS updatedMs
FROM (SELECT * FROM proposals FINAL WHERE ProposalId = {proposalId:String}) AS p
LEFT JOIN (SELECT * FROM proposal_states WHERE ProposalId = {proposalId:String}) AS s ON s.ProposalId = p.ProposalId
