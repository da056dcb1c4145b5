-- The failure modes with these ids, and those merged into them.
SELECT
    ClusterId,
    Category,
    Workflow,
    ToolName,
    ErrorType,
    Label,
    toUnixTimestamp64Milli(FirstSeen) AS firstSeenMs,
    toUnixTimestamp64Milli(LastSeen) AS lastSeenMs,
    MergedInto
FROM failure_clusters FINAL
WHERE ClusterId IN {clusterIds:Array(String)} OR MergedInto IN {clusterIds:Array(String)}
