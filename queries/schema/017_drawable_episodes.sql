-- The episodes a benchmark set may draw cases from, written once for every draw rule: never a
-- benchmark run's own episode (it would test the agent against itself), never a truncated input
-- (the case would not be the request the agent saw). Agent and time filters are pushed into it.
CREATE VIEW IF NOT EXISTS drawable_episodes AS
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
