-- Where the episodes corrected in a clustering batch ((after, until]) ran: the agent, version and
-- workflow a correction is clustered under when its episode was assembled in an earlier batch,
-- and the mode that episode's failure was placed in ('' when none): what the correction is
-- evidence about. Memberships are read by primary key: an episode failure occurs at its start.
-- The id filter is a PREWHERE, applied before FINAL merges versions: all versions of an episode
-- share its sort key and so its id, and FINAL then merges only the corrected episodes' rows. Both
-- time bounds come from one scalar subquery, and memberships are filtered by the corrections' ids
-- (a row of an episode not read matches no row of `corrected`): each reference to `corrected`
-- reads the episodes again.
WITH corrected AS
(
    SELECT EpisodeId, Agent, AgentVersion, Workflow, StartTime
    FROM episodes FINAL
    PREWHERE EpisodeId IN
        (
            SELECT EpisodeId
            FROM corrections
            WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
              AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
        )
),
(SELECT (toDateTime64(min(StartTime), 3), toDateTime64(max(StartTime), 3)) FROM corrected) AS bounds
SELECT c.EpisodeId AS EpisodeId, c.Agent AS Agent, c.AgentVersion AS AgentVersion, c.Workflow AS Workflow, m.ClusterId AS ModeId
FROM corrected AS c
LEFT JOIN
(
    SELECT FailureId, ClusterId
    FROM failure_cluster_members FINAL
    WHERE OccurredAt >= bounds.1
      AND OccurredAt <= bounds.2 + INTERVAL 1 SECOND
      AND FailureId IN
        (
            SELECT EpisodeId
            FROM corrections
            WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
              AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
        )
) AS m ON m.FailureId = c.EpisodeId
