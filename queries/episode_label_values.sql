-- The values one episode label took in a time range, most episodes first: Grafana's template
-- variables (agents, versions, releases, workflows), narrowed by the other labels' filters.
SELECT
    multiIf({label:String} = 'agent', Agent,
            {label:String} = 'version', AgentVersion,
            {label:String} = 'release', ReleaseId,
            Workflow) AS value,
    count() AS episodes,
    toUnixTimestamp64Milli(max(StartTime)) AS lastSeenMs
FROM episodes FINAL
WHERE StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
  AND (empty({agents:Array(String)}) OR Agent IN {agents:Array(String)})
  AND (empty({versions:Array(String)}) OR AgentVersion IN {versions:Array(String)})
  AND (empty({releases:Array(String)}) OR ReleaseId IN {releases:Array(String)})
  AND (empty({workflows:Array(String)}) OR Workflow IN {workflows:Array(String)})
GROUP BY value
HAVING value != ''
ORDER BY episodes DESC, value
LIMIT {limit:UInt32}
