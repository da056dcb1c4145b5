-- The episodes of a clustering batch (assembled in (after, until]) worth clustering: failed,
-- escalated, with a failed tool call, flagged for safety review (a `trumpets.safety.flag` event)
-- or corrected, each with its assembly stamp, and each failed tool call of that assembly (tool
-- calls are written with their episode's stamp): one row per call, the episode's columns repeated
-- and its rows one after another, or one row with an empty SpanId when no call failed. Joined
-- here, not read apart: filing tens of thousands of calls under their episodes by id was one of
-- the largest costs of a pass. An episode assembled twice in one batch comes twice, and the reader
-- keeps the newest; it orders an episode's calls by start (cheaper than sorting here). What
-- clustering reads: the error's headline (stored at assembly: spans/errorHeadline.ts), else the
-- escalation reason, else the answer. Neither the message, the answer nor the attribute map is
-- read here: with stack traces, answers and prompts of a few KB they were most of the bytes (the
-- reason has a column: migration 125). NeedsOutput marks the few episodes whose answer is all
-- there is to go by, and failure_episode_outputs reads theirs. Read in the Native format
-- (failureRows.ts): the reader takes its columns by type, not by parsing text.
WITH assembled AS
(
    SELECT EpisodeId, Agent, AgentVersion, Workflow, Outcome, ErrorType, ErrorHeadline, EscalationReason, StartTime, ToolErrorCount, SafetyFlagged, AssembledAt
    FROM episodes
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
      AND IsDeleted = 0
),
-- Only episodes neither failed, tool-failed nor flagged need looking up among corrections: the
-- rest are read anyway, so the set the lookup builds holds only these.
quiet AS
(
    SELECT EpisodeId FROM assembled WHERE Outcome NOT IN ('failure', 'escalated') AND ToolErrorCount = 0 AND NOT SafetyFlagged
),
worth AS
(
    SELECT *
    FROM assembled
    WHERE Outcome IN ('failure', 'escalated') OR ToolErrorCount > 0 OR SafetyFlagged
       OR EpisodeId IN (SELECT EpisodeId FROM corrections WHERE EpisodeId IN (SELECT EpisodeId FROM quiet))
),
failed_calls AS
(
    SELECT EpisodeId, AssembledAt, SpanId, ToolName, ErrorType, ErrorHeadline, StartTime
    FROM tool_calls
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
      AND Status = 'error'
)
SELECT
    e.EpisodeId AS EpisodeId,
    e.Agent AS Agent,
    e.AgentVersion AS AgentVersion,
    e.Workflow AS Workflow,
    e.Outcome AS Outcome,
    e.ErrorType AS ErrorType,
    e.ErrorHeadline AS ErrorMessage,
    e.EscalationReason AS EscalationReason,
    e.Outcome IN ('failure', 'escalated') AND e.ErrorHeadline = '' AND e.EscalationReason = '' AS NeedsOutput,
    toUInt8(e.SafetyFlagged) AS SafetyFlagged,
    toUnixTimestamp64Milli(e.StartTime) AS startMs,
    toUnixTimestamp64Micro(e.AssembledAt) AS assembledMicros,
    c.SpanId AS SpanId,
    c.ToolName AS ToolName,
    c.ErrorType AS ToolErrorType,
    -- A call's headline is most often its episode's (assembly gives an episode whose root recorded
    -- no error its first failed call's): sent once, the call's marked as the same.
    c.ErrorHeadline = e.ErrorHeadline AS ToolErrorAsEpisode,
    if(c.ErrorHeadline = e.ErrorHeadline, '', c.ErrorHeadline) AS ToolErrorMessage,
    toUnixTimestamp64Milli(c.StartTime) AS toolStartMs
FROM worth AS e
LEFT JOIN failed_calls AS c ON c.EpisodeId = e.EpisodeId AND c.AssembledAt = e.AssembledAt
-- An episode without a failed call gets empty call columns, not NULLs, whatever a server's profile says.
SETTINGS join_use_nulls = 0
