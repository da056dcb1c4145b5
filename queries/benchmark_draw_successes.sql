-- The most recent successful episodes of an agent (never corrected), as benchmark cases whose own
-- output is the reference.
SELECT EpisodeId, Input, Output, Outcome, Workflow, TagList
FROM drawable_episodes
WHERE Agent = {agent:String}
  AND Outcome = 'success'
  AND ({workflow:String} = '' OR Workflow = {workflow:String})
  AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND EpisodeId NOT IN (SELECT EpisodeId FROM corrections)
ORDER BY StartTime DESC, EpisodeId
LIMIT {limit:UInt32}
