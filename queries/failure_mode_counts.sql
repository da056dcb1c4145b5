-- Failures per live failure mode in [scanFrom, to): in the requested range, in the two status
-- windows that end at `to`, since the "new" window began, and what they touch (agents, versions,
-- workflows, tools). Rows of a merged cluster count toward the cluster that absorbed it. Modes
-- without failures in the range are left out, unless one mode is asked for by id.
SELECT
    if(c.MergedInto = '', m.ClusterId, c.MergedInto) AS clusterId,
    countIf(m.OccurredAt >= fromUnixTimestamp64Milli({fromMs:Int64})) AS failures,
    countIf(m.OccurredAt >= fromUnixTimestamp64Milli({recentFromMs:Int64})) AS recent,
    countIf(m.OccurredAt >= fromUnixTimestamp64Milli({previousFromMs:Int64})
        AND m.OccurredAt < fromUnixTimestamp64Milli({recentFromMs:Int64})) AS previous,
    countIf(m.OccurredAt >= fromUnixTimestamp64Milli({newFromMs:Int64})) AS sinceNewFrom,
    groupUniqArray(20)(m.Agent) AS agents,
    groupUniqArray(20)(m.AgentVersion) AS versions,
    groupUniqArray(20)(m.Workflow) AS workflows,
    groupUniqArrayIf(20)(m.ToolName, m.ToolName != '') AS tools
FROM failure_cluster_members AS m FINAL
INNER JOIN (SELECT ClusterId, MergedInto FROM failure_clusters FINAL) AS c ON c.ClusterId = m.ClusterId
WHERE m.OccurredAt >= fromUnixTimestamp64Milli({scanFromMs:Int64})
  AND m.OccurredAt < fromUnixTimestamp64Milli({toMs:Int64})
  AND ({agent:String} = '' OR m.Agent = {agent:String})
  AND ({clusterId:String} = '' OR clusterId = {clusterId:String})
GROUP BY clusterId
HAVING failures > 0 OR {clusterId:String} != ''
