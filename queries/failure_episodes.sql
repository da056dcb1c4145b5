-- The episodes of a clustering batch (assembled in (after, until]) worth clustering: failed,
-- escalated, with a failed tool call, flagged for safety review (a `trumpets.safety.flag` event)
-- or corrected, each with its assembly stamp: an episode assembled twice in one batch comes twice,
-- and the reader keeps the newest (cheaper than sorting here). What clustering reads: the error's
-- headline (stored at assembly: spans/errorHeadline.ts), else the escalation reason, else the answer.
-- Neither the message, the answer nor the attribute map is read here: with stack traces, answers
-- and prompts of a few KB they were most of the bytes (the reason has a column: migration 125).
-- NeedsOutput marks the few episodes whose answer is all there is to go by, and
-- failure_episode_outputs reads theirs.
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
)
SELECT
    EpisodeId,
    Agent,
    AgentVersion,
    Workflow,
    Outcome,
    ErrorType,
    ErrorHeadline AS ErrorMessage,
    EscalationReason,
    Outcome IN ('failure', 'escalated') AND ErrorHeadline = '' AND EscalationReason = '' AS NeedsOutput,
    toUnixTimestamp64Milli(StartTime) AS startMs,
    toUnixTimestamp64Micro(AssembledAt) AS assembledMicros
FROM assembled
WHERE Outcome IN ('failure', 'escalated') OR ToolErrorCount > 0 OR SafetyFlagged
   OR EpisodeId IN (SELECT EpisodeId FROM corrections WHERE EpisodeId IN (SELECT EpisodeId FROM quiet))
