-- Episodes per agent in the two status windows that end at `to`: the exposure a failure mode's
-- growth is measured against, so that more traffic is not read as more failure. A successful
-- episode kept by success sampling stands for 1 / `trumpets.sampling.success_rate` episodes.
SELECT
    Agent AS agent,
    sumIf(weight, StartTime >= fromUnixTimestamp64Milli({recentFromMs:Int64})) AS recent,
    sumIf(weight, StartTime < fromUnixTimestamp64Milli({recentFromMs:Int64})) AS previous
FROM
(
    SELECT
        Agent,
        StartTime,
        toFloat64OrZero(Attributes['trumpets.sampling.success_rate']) AS successRate,
        if(Outcome = 'success' AND successRate > 0, 1 / successRate, 1) AS weight
    FROM episodes FINAL
    WHERE StartTime >= fromUnixTimestamp64Milli({previousFromMs:Int64})
      AND StartTime < fromUnixTimestamp64Milli({toMs:Int64})
)
GROUP BY Agent
