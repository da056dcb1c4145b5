-- Failures per hour (UTC) of one failure mode and the clusters merged into it, in [from, to).
SELECT intDiv(toUnixTimestamp64Milli(OccurredAt), 3600000) * 3600000 AS hourMs, count() AS failures
FROM failure_cluster_members FINAL
WHERE ClusterId IN {clusterIds:Array(String)}
  AND OccurredAt >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND OccurredAt < fromUnixTimestamp64Milli({toMs:Int64})
  AND ({agent:String} = '' OR Agent = {agent:String})
GROUP BY hourMs
ORDER BY hourMs
