-- Regressions as a Grafana alert rule on the official ClickHouse data source reads them: one row
-- per agent, release and metric with a regression found in the last 6 hours, its string columns
-- becoming the alert's labels (agent and release_id are what the collector's alert webhook acts
-- on) and `regressions` the value the rule's threshold tests. Grafana runs it as written, so it
-- takes no parameters.
SELECT
    Agent AS agent,
    ReleaseId AS release_id,
    Metric AS metric,
    count() AS regressions
FROM regressions
WHERE DetectedAt >= now64(6) - INTERVAL 6 HOUR
GROUP BY agent, release_id, metric
ORDER BY agent, release_id, metric
