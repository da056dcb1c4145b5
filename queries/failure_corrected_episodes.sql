-- Where the episodes corrected in a clustering batch ((after, until]) ran: the agent, version and
-- workflow a correction is clustered under when its episode was assembled in an earlier batch.
SELECT EpisodeId, Agent, AgentVersion, Workflow
FROM episodes FINAL
WHERE EpisodeId IN
    (
        SELECT EpisodeId
        FROM corrections
        WHERE AssembledAt > fromUnixTimestamp64Micro({afterMicros:Int64})
          AND AssembledAt <= fromUnixTimestamp64Micro({untilMicros:Int64})
    )
