-- The config versions of an agent, newest first, without their documents.
SELECT
    Version,
    ParentVersion,
    ProposalId,
    Note,
    CreatedBy,
    toUnixTimestamp64Milli(CreatedAt) AS createdMs
FROM agent_configs FINAL
WHERE Agent = {agent:String}
ORDER BY CreatedAt DESC, Version
LIMIT {limit:UInt32}
