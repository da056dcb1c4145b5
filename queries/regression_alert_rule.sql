-- The regression alert signal, for a Grafana alert rule on the official ClickHouse data source
-- (table format) and for the collector's own tests of it: one row per agent, release and metric
-- with a regression the release still answers for. Grafana turns each string column into a label
-- (agent and release_id are what the collector's alert webhook acts on, with trumpets_action=rollback
-- set on the rule) and the one numeric column, `regressions`, into the value the rule's threshold
-- tests (> 0): a second numeric column would make a second alert series per row.
-- A release answers for a regression until it is rolled back or aborted; a human who resumes it
-- after a finding has overruled that finding, so only findings after its last resume count.
-- Grafana runs it as written: no parameters, no time macro (a finding stays current for as long as
-- the release serves, however old it is).
SELECT
    r.Agent AS agent,
    r.ReleaseId AS release_id,
    r.Metric AS metric,
    count() AS regressions
FROM regressions AS r
LEFT JOIN
(
    SELECT
        ReleaseId,
        max(At) AS ResumedAt
    FROM release_events
    WHERE Outcome = 'done' AND Action = 'resumed'
    GROUP BY ReleaseId
) AS resumed ON resumed.ReleaseId = r.ReleaseId
WHERE r.ReleaseId NOT IN
    (
        SELECT ReleaseId
        FROM release_events
        WHERE Outcome = 'done' AND Action IN ('rolled_back', 'aborted')
    )
  AND r.DetectedAt > coalesce(resumed.ResumedAt, toDateTime64(0, 6))
GROUP BY agent, release_id, metric
ORDER BY agent, release_id, metric
