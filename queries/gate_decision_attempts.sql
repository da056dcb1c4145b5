-- Decisions that spent a share of the error rate on one change: enforced, and not on a broken run.
-- Counted per agent and config versions, not per proposal, so a new proposal with the same change
-- starts no fresh count.
SELECT count() AS attempts
FROM gate_decisions
WHERE Agent = {agent:String}
  AND BaselineVersion = {baselineVersion:String}
  AND CandidateVersion = {candidateVersion:String}
  AND Enforced
  AND Verdict != 'error'
