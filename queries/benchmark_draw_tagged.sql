-- The most recent episodes of an agent tagged (`trumpets.episode.tags`, comma-separated) with any of the given tags.
SELECT
    EpisodeId,
    Input,
    Output,
    Outcome,
    Workflow,
    Attributes['trumpets.episode.tags'] AS TagList
FROM episodes FINAL
WHERE Agent = {agent:String}
  AND Attributes['trumpets.benchmark.run_id'] = ''
  AND NOT InputTruncated
  AND hasAny(arrayMap(tag -> trimBoth(tag), splitByChar(',', Attributes['trumpets.episode.tags'])), {tags:Array(String)})
  AND StartTime >= fromUnixTimestamp64Milli({fromMs:Int64})
ORDER BY StartTime DESC, EpisodeId
LIMIT {limit:UInt32}
