-- The most recent episodes of an agent tagged (`trumpets.episode.tags`, comma-separated) with any of the given tags.
SELECT EpisodeId, Input, Output, Outcome, Workflow, TagList
FROM drawable_episodes
WHERE Agent = {agent:String}
  AND hasAny(arrayMap(tag -> trimBoth(tag), splitByChar(',', TagList)), {tags:Array(String)})
  AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
ORDER BY StartTime DESC, EpisodeId
LIMIT {limit:UInt32}
