-- The (failure mode, agent) pairs an author has already proposed for, in any state (a withdrawn
-- draft is not drafted again), so each pass drafts only for what it has not seen.
SELECT DISTINCT FailureClusterId, Agent
FROM proposals FINAL
WHERE Author = {author:String}
  AND FailureClusterId IN {clusterIds:Array(String)}
