-- The most recent episodes of one failure cluster (and of the clusters merged into it), at most
-- `limit` of them, as benchmark cases. The cluster's failures carry no reference.
SELECT
    e.EpisodeId AS EpisodeId,
    e.Input AS Input,
    e.Output AS Output,
    e.Outcome AS Outcome,
    e.Workflow AS Workflow,
    e.Attributes['trumpets.episode.tags'] AS TagList
FROM episodes AS e FINAL
WHERE e.Agent = {agent:String}
  AND e.StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND NOT e.InputTruncated
  AND e.Attributes['trumpets.benchmark.run_id'] = ''
  AND e.EpisodeId IN
  (
      SELECT EpisodeId
      FROM failure_cluster_members FINAL
      WHERE ClusterId = {clusterId:String}
         OR ClusterId IN (SELECT ClusterId FROM failure_clusters FINAL WHERE MergedInto = {clusterId:String})
  )
ORDER BY e.StartTime DESC, e.EpisodeId
LIMIT {limit:UInt32}
