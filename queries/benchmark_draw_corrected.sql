-- The most recent corrected episodes of an agent, with the latest correction as the reference.
SELECT
    e.EpisodeId AS EpisodeId,
    e.Input AS Input,
    c.CorrectedOutput AS Output,
    e.Outcome AS Outcome,
    e.Workflow AS Workflow,
    e.TagList AS TagList
FROM
(
    SELECT EpisodeId, Input, Outcome, Workflow, StartTime, TagList
    FROM drawable_episodes
    WHERE Agent = {agent:String}
      AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
) AS e
INNER JOIN
(
    SELECT EpisodeId, argMax(CorrectedOutput, CreatedAt) AS CorrectedOutput
    FROM corrections FINAL
    GROUP BY EpisodeId
) AS c ON c.EpisodeId = e.EpisodeId
ORDER BY e.StartTime DESC, e.EpisodeId
LIMIT {limit:UInt32}
