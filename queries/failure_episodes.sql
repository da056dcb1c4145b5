-- The episodes of a clustering batch (assembled in (after, until]) worth clustering: failed,
-- escalated, with a failed tool call, flagged for safety review (a `trumpets.safety.flag` event)
-- or corrected, each with its assembly stamp: an episode assembled twice in one batch comes twice,
-- and the reader keeps the newest (cheaper than sorting here). What clustering reads: the error's
-- first line (or a Python traceback's last: see failures/core/errorHeadline.ts; a one-line message
-- is taken whole without splitting), else the escalation reason, else the answer.
WITH assembled AS
(
    SELECT EpisodeId, Agent, AgentVersion, Workflow, Outcome, ErrorType, ErrorMessage, Attributes, Output, StartTime, ToolErrorCount, AssembledAt
    FROM episodes
    WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
      AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
      AND IsDeleted = 0
)
SELECT
    EpisodeId,
    Agent,
    AgentVersion,
    Workflow,
    Outcome,
    ErrorType,
    substring(multiIf(position(ErrorMessage, '\n') = 0, ErrorMessage,
        startsWith(ErrorMessage, 'Traceback (most recent call last)'),
        arrayLast(line -> line != '' AND NOT match(line, '^\\s'), splitByChar('\n', ErrorMessage)),
        arrayFirst(line -> trimBoth(line) != '', splitByChar('\n', ErrorMessage))), 1, 400) AS ErrorMessage,
    Attributes['trumpets.escalation.reason'] AS EscalationReason,
    if(Outcome IN ('failure', 'escalated') AND ErrorMessage = '' AND EscalationReason = '', substring(Output, 1, 400), '') AS Output,
    toUnixTimestamp64Milli(StartTime) AS startMs,
    toUnixTimestamp64Micro(AssembledAt) AS assembledMicros
FROM assembled
WHERE Outcome IN ('failure', 'escalated') OR ToolErrorCount > 0
   OR EpisodeId IN (SELECT EpisodeId FROM corrections WHERE EpisodeId IN (SELECT EpisodeId FROM assembled))
   OR EpisodeId IN (SELECT TraceId FROM spans WHERE TraceId IN (SELECT EpisodeId FROM assembled) AND has(`Events.Name`, 'trumpets.safety.flag'))
