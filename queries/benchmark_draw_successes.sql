-- The most recent successful episodes of an agent (never corrected, not themselves benchmark runs),
-- as benchmark cases whose own output is the reference.
SELECT
    EpisodeId,
    Input,
    Output,
    Outcome,
    Workflow,
    Attributes['trumpets.episode.tags'] AS TagList
FROM episodes FINAL
WHERE Agent = {agent:String}
  AND Outcome = 'success'
  AND Attributes['trumpets.benchmark.run_id'] = ''
  AND NOT InputTruncated
  AND ({workflow:String} = '' OR Workflow = {workflow:String})
  AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND EpisodeId NOT IN (SELECT EpisodeId FROM corrections)
ORDER BY StartTime DESC, EpisodeId
LIMIT {limit:UInt32}
