-- One page of the failures of a failure mode and the clusters merged into it, in [from, to), newest first.
SELECT
    FailureId,
    EpisodeId,
    TemplateId,
    Kind,
    Agent,
    AgentVersion,
    Workflow,
    ToolName,
    Text,
    toUnixTimestamp64Milli(OccurredAt) AS occurredMs
FROM failure_cluster_members FINAL
WHERE ClusterId IN {clusterIds:Array(String)}
  AND OccurredAt >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND OccurredAt < fromUnixTimestamp64Milli({toMs:Int64})
  AND ({agent:String} = '' OR Agent = {agent:String})
ORDER BY OccurredAt DESC, FailureId
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
