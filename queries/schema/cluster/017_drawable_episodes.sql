CREATE VIEW IF NOT EXISTS drawable_episodes ON CLUSTER 'trumpets' AS
SELECT
    EpisodeId,
    Agent,
    StartTime,
    Input,
    Output,
    Outcome,
    Workflow,
    Attributes['trumpets.episode.tags'] AS TagList
FROM episodes FINAL
WHERE Attributes['trumpets.benchmark.run_id'] = ''
  AND NOT InputTruncated;
