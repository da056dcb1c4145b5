-- The failure modes with these ids and those merged into them; every cluster when the list is
-- empty (what a restarted clusterer restores).
SELECT
    ClusterId,
    Category,
    Workflow,
    ToolName,
    ErrorType,
    Label,
    toUnixTimestamp64Milli(FirstSeen) AS firstSeenMs,
    toUnixTimestamp64Milli(LastSeen) AS lastSeenMs,
    MergedInto,
    Seq
FROM failure_clusters FINAL
WHERE empty({clusterIds:Array(String)}) OR ClusterId IN {clusterIds:Array(String)} OR MergedInto IN {clusterIds:Array(String)}
