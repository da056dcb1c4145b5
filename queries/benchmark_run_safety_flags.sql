-- The kinds of the safety flags raised in each episode of one validation run, as assembly kept them
-- (`safety_flags`, by primary key: a run's episode ids matched some span in nearly every part of
-- the spans table).
SELECT
    EpisodeId AS episodeId,
    groupArray(Kind) AS kinds
FROM safety_flags FINAL
WHERE EpisodeId IN (SELECT EpisodeId FROM benchmark_results FINAL WHERE RunId = {runId:String})
GROUP BY EpisodeId
