-- The recorded history of a failure mode and the clusters merged into it: created, merged_into.
SELECT ClusterId, Event, OtherClusterId, toUnixTimestamp64Milli(At) AS atMs
FROM failure_cluster_events FINAL
WHERE ClusterId IN {clusterIds:Array(String)} OR OtherClusterId IN {clusterIds:Array(String)}
ORDER BY At, ClusterId
