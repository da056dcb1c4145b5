-- Every cluster as it stands now: what a restarted clusterer restores.
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
