-- Where the given episodes ran, those corrected in a clustering batch but assembled in an earlier
-- one: the agent, version and workflow a correction is clustered under, and the mode that
-- episode's failure was placed in ('' when none): what the correction is evidence about. The pass
-- asks only when a correction's episode is not among the batch's own. Memberships are read by
-- primary key: an episode failure occurs at its start. The id filter is a PREWHERE, applied before
-- FINAL merges versions: all versions of an episode share its sort key and so its id, and FINAL
-- then merges only these episodes' rows. Both time bounds come from one scalar subquery.
WITH corrected AS
(
    SELECT EpisodeId, Agent, AgentVersion, Workflow, StartTime
    FROM episodes FINAL
    PREWHERE EpisodeId IN {episodeIds:Array(String)}
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
      AND FailureId IN {episodeIds:Array(String)}
) AS m ON m.FailureId = c.EpisodeId
