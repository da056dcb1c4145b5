-- Episode metrics per time bucket and group: the Grafana data source's time series (success and
-- escalation rate, latency p50/p95, cost and tokens per episode), split by one label or none.
-- An empty filter array means "every value". Rates count only episodes with a known outcome.
SELECT
    multiIf({groupBy:String} = 'agent', Agent,
            {groupBy:String} = 'version', AgentVersion,
            {groupBy:String} = 'release', ReleaseId,
            {groupBy:String} = 'workflow', Workflow,
            '') AS group,
    intDiv(toUnixTimestamp64Milli(StartTime), {intervalMs:Int64}) * {intervalMs:Int64} AS time,
    count() AS episodes,
    countIf(Outcome IN ('success', 'failure', 'escalated')) AS knownOutcomes,
    countIf(Outcome = 'success') AS successes,
    countIf(Outcome = 'escalated') AS escalations,
    quantiles(0.5, 0.95)(LatencyMs) AS latencyQuantiles,
    avg(CostUsd) AS costPerEpisodeUsd,
    avg(InputTokens + OutputTokens) AS tokensPerEpisode
FROM episodes FINAL
WHERE StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
  AND (empty({agents:Array(String)}) OR Agent IN {agents:Array(String)})
  AND (empty({versions:Array(String)}) OR AgentVersion IN {versions:Array(String)})
  AND (empty({releases:Array(String)}) OR ReleaseId IN {releases:Array(String)})
  AND (empty({workflows:Array(String)}) OR Workflow IN {workflows:Array(String)})
GROUP BY group, time
ORDER BY group, time
