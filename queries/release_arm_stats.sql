-- One release's episodes in a time window, as regression detection compares them: counts by outcome,
-- moments of log-latency and of cost, episodes slower than a fixed threshold, and episodes with a
-- safety flag (`trumpets.safety.flag` events, marked at assembly). Two calls (candidate, control)
-- make one comparison.
SELECT
    count() AS episodes,
    countIf(Outcome = 'success') AS successes,
    countIf(Outcome = 'escalated') AS escalations,
    avg(log(greatest(LatencyMs, 0.001))) AS logLatencyMean,
    if(count() > 1, varSamp(log(greatest(LatencyMs, 0.001))), 0) AS logLatencyVariance,
    countIf(LatencyMs > {latencyThresholdMs:Float64}) AS slowEpisodes,
    avg(CostUsd) AS costMean,
    if(count() > 1, varSamp(CostUsd), 0) AS costVariance,
    countIf(SafetyFlagged) AS flaggedEpisodes
FROM episodes FINAL
WHERE Agent = {agent:String}
  AND ReleaseId = {releaseId:String}
  AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
