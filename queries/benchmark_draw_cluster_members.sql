-- The most recent episodes of one failure cluster (and of the clusters merged into it), at most
-- `limit` of them, as benchmark cases. The cluster's failures carry no reference.
SELECT EpisodeId, Input, Output, Outcome, Workflow, TagList
FROM drawable_episodes
WHERE Agent = {agent:String}
  AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND EpisodeId IN
  (
      SELECT EpisodeId
      FROM failure_cluster_members FINAL
      WHERE ClusterId = {clusterId:String}
         OR ClusterId IN (SELECT ClusterId FROM failure_clusters FINAL WHERE MergedInto = {clusterId:String})
  )
ORDER BY StartTime DESC, EpisodeId
LIMIT {limit:UInt32}
