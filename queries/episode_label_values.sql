-- The values one episode label took in a time range, most recently seen first: Grafana's template
-- variables (agents, versions, releases, workflows), narrowed by the other labels' filters.
-- Read without FINAL where that gives the same list: an episode's versions under one sort key
-- (Agent, StartTime, EpisodeKey) share the agent, and its other labels come from the same root span
-- (a new root moves the key unless it has the same agent and starts in the same nanosecond), so
-- several versions add no value; IsDeleted = 1 rows are skipped. A bare scan would still list an
-- episode's old agent or start after its root changed: that row stays under the old key beside the
-- IsDeleted = 1 row that replaces it until a merge. So rows at the (Agent, StartTime) of such a row
-- are read with FINAL instead (which drops the old row and keeps any other episode there), the
-- rest bare. FINAL's merge on the sort key had doubled what this query reads (two narrow columns).
SELECT value, toUnixTimestamp64Milli(max(lastSeen)) AS lastSeenMs
FROM
(
    SELECT
        multiIf({label:String} = 'agent', Agent,
                {label:String} = 'version', AgentVersion,
                {label:String} = 'release', ReleaseId,
                Workflow) AS value,
        max(StartTime) AS lastSeen
    FROM episodes
    WHERE IsDeleted = 0
      AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
      AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
      AND (empty({agents:Array(String)}) OR Agent IN {agents:Array(String)})
      AND (empty({versions:Array(String)}) OR AgentVersion IN {versions:Array(String)})
      AND (empty({releases:Array(String)}) OR ReleaseId IN {releases:Array(String)})
      AND (empty({workflows:Array(String)}) OR Workflow IN {workflows:Array(String)})
      AND (Agent, StartTime) NOT IN
      (
          SELECT Agent, StartTime
          FROM episodes
          WHERE IsDeleted = 1
            AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
            AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
      )
    GROUP BY value
    UNION ALL
    SELECT
        multiIf({label:String} = 'agent', Agent,
                {label:String} = 'version', AgentVersion,
                {label:String} = 'release', ReleaseId,
                Workflow) AS value,
        max(StartTime) AS lastSeen
    FROM episodes FINAL
    WHERE StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
      AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
      AND (empty({agents:Array(String)}) OR Agent IN {agents:Array(String)})
      AND (empty({versions:Array(String)}) OR AgentVersion IN {versions:Array(String)})
      AND (empty({releases:Array(String)}) OR ReleaseId IN {releases:Array(String)})
      AND (empty({workflows:Array(String)}) OR Workflow IN {workflows:Array(String)})
      AND (Agent, StartTime) IN
      (
          SELECT Agent, StartTime
          FROM episodes
          WHERE IsDeleted = 1
            AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
            AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
      )
    GROUP BY value
)
GROUP BY value
HAVING value != ''
ORDER BY lastSeenMs DESC, value
LIMIT {limit:UInt32}
