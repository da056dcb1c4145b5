-- The kinds of the safety flags (`trumpets.safety.flag` events) raised in each episode of one validation run.
SELECT
    TraceId AS episodeId,
    groupArray(EventAttributes['trumpets.safety.kind']) AS kinds
FROM spans FINAL
ARRAY JOIN `Events.Name` AS EventName, `Events.Attributes` AS EventAttributes
WHERE TraceId IN (SELECT EpisodeId FROM benchmark_results FINAL WHERE RunId = {runId:String})
  AND EventName = 'trumpets.safety.flag'
GROUP BY TraceId
