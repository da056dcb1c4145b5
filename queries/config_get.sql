-- One config version of an agent, with where it came from.
SELECT
    Agent,
    Version,
    Config,
    ParentVersion,
    ProposalId,
    Note,
    CreatedBy,
    toUnixTimestamp64Milli(CreatedAt) AS createdMs
FROM agent_configs FINAL
WHERE Agent = {agent:String} AND Version = {version:String}
