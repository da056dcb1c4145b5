-- The sort key (Agent, StartTime as nanoseconds) of each stored episode among {ids}: what the
-- assembler compares a re-assembled episode with, to delete the old row when its root changed.
SELECT EpisodeId, Agent, toString(toUnixTimestamp64Nano(StartTime)) AS startNanos
FROM episodes FINAL
WHERE EpisodeId IN {ids:Array(String)}
