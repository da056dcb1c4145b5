-- What one validation run reported per case and repeat, joined with the episode each run produced
-- (outcome, latency, tokens, cost): what the gate compares. Episodes are found by primary key and
-- must carry the run's id, so a result cannot borrow another run's episode. episodeFound = 0 when
-- the episode has not (yet) been stored.
SELECT
    r.CaseId AS caseId,
    r.Repeat AS repeat,
    r.EpisodeId AS episodeId,
    r.Score AS score,
    r.ErrorKind AS errorKind,
    r.ErrorMessage AS errorMessage,
    e.EpisodeId != '' AS episodeFound,
    e.Outcome AS outcome,
    e.LatencyMs AS latencyMs,
    e.InputTokens + e.OutputTokens AS tokens,
    e.CostUsd AS costUsd
FROM (SELECT * FROM benchmark_results FINAL WHERE RunId = {runId:String}) AS r
LEFT JOIN
(
    SELECT EpisodeId, Outcome, LatencyMs, InputTokens, OutputTokens, CostUsd
    FROM episodes FINAL
    WHERE EpisodeId IN (SELECT EpisodeId FROM benchmark_results FINAL WHERE RunId = {runId:String})
      AND Attributes['trumpets.benchmark.run_id'] = {runId:String}
) AS e ON e.EpisodeId = r.EpisodeId
ORDER BY caseId, repeat
