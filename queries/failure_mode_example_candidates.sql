-- Example candidates for a failure mode: the newest failure of each combination of template,
-- agent, version, workflow and tool in [from, to), newest first. Examples are picked from these
-- for diversity.
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
LIMIT 1 BY TemplateId, Agent, AgentVersion, Workflow, ToolName
LIMIT 100
