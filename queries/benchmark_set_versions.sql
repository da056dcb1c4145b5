-- The versions of a benchmark set, newest first.
SELECT
    SetId,
    Version,
    Agent,
    Description,
    Rules,
    ParentVersion,
    CaseCount,
    CreatedBy,
    toUnixTimestamp64Milli(CreatedAt) AS createdMs
FROM benchmark_sets FINAL
WHERE SetId = {setId:String}
ORDER BY Version DESC
