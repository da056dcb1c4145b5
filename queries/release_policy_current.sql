-- The release policy in force for an agent: the newest one stored.
SELECT
    Version,
    Policy,
    CreatedBy,
    toUnixTimestamp64Milli(CreatedAt) AS createdMs
FROM release_policies
WHERE Agent = {agent:String}
ORDER BY CreatedAt DESC
LIMIT 1
