-- The episodes a drafted regression-case proposal is made of: input and workflow, with the latest
-- human correction's output (the case's reference) where the episode was corrected.
SELECT
    e.EpisodeId AS EpisodeId,
    e.Input AS Input,
    e.Workflow AS Workflow,
    c.CorrectedOutput AS CorrectedOutput
FROM
(
    SELECT EpisodeId, Input, Workflow
    FROM episodes FINAL
    WHERE EpisodeId IN {episodeIds:Array(String)}
      AND NOT InputTruncated
) AS e
LEFT JOIN
(
    SELECT EpisodeId, argMax(CorrectedOutput, CreatedAt) AS CorrectedOutput
    FROM corrections FINAL
    WHERE EpisodeId IN {episodeIds:Array(String)}
    GROUP BY EpisodeId
) AS c ON c.EpisodeId = e.EpisodeId
ORDER BY e.EpisodeId
