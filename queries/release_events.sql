-- Every event of an agent's releases, oldest first: folded into each release's current state.
SELECT
    EventId,
    Agent,
    ReleaseId,
    Action,
    Outcome,
    StageIndex,
    Percent,
    Actor,
    Reason,
    Details,
    toUnixTimestamp64Milli(At) AS atMs
FROM release_events
WHERE Agent = {agent:String} AND ReleaseId != ''
ORDER BY At, EventId
