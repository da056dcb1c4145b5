-- For a Grafana alert rule on the official ClickHouse data source (table format): one row per
-- agent, release and metric with a regression on a release that still serves (not rolled back or
-- aborted), value 1. Condition: value > 0; the agent and release_id columns become the alert's
-- labels, which the collector's webhook (POST /api/alerts/grafana) reads, with trumpets_action=rollback
-- set on the rule.
SELECT
    r.Agent AS agent,
    r.ReleaseId AS release_id,
    r.Metric AS metric,
    max(r.EValue) AS evidence,
    1 AS value
FROM regressions AS r
WHERE r.ReleaseId NOT IN
    (
        SELECT ReleaseId
        FROM release_events
        WHERE Outcome = 'done' AND Action IN ('rolled_back', 'aborted')
    )
GROUP BY agent, release_id, metric
ORDER BY agent, release_id, metric
