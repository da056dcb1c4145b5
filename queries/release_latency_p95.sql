-- A release's p95 latency in a window before a stage began: the threshold the stage's tail-latency
-- test counts against, fixed in advance so the test stays valid.
SELECT
    count() AS episodes,
    quantile(0.95)(LatencyMs) AS p95LatencyMs
FROM episodes FINAL
WHERE Agent = {agent:String}
  AND ReleaseId = {releaseId:String}
  AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
