-- The audit trail: every action on releases, policies and alerts (refused ones too), newest first.
-- An empty agent means every agent.
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
WHERE ({agent:String} = '' OR Agent = {agent:String})
  AND At >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND At <= fromUnixTimestamp64Milli({toMs:Int64})
ORDER BY At DESC, EventId DESC
LIMIT {limit:UInt32}
