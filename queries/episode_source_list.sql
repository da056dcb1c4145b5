-- The sources one episode read, in the order it read them.
SELECT
    Uri,
    Tag,
    Score,
    Origin
FROM episode_sources FINAL
WHERE EpisodeId = {episodeId:String}
ORDER BY ReadAt, SourceId
