-- The newest version of every benchmark set, of one agent or all ('').
-- Columns are qualified (s.): unqualified, the output aliases would shadow them.
SELECT
    s.SetId AS SetId,
    max(s.Version) AS Version,
    argMax(s.Agent, s.Version) AS Agent,
    argMax(s.Description, s.Version) AS Description,
    argMax(s.CaseCount, s.Version) AS CaseCount,
    toUnixTimestamp64Milli(max(s.CreatedAt)) AS createdMs
FROM (SELECT * FROM benchmark_sets FINAL WHERE {agent:String} = '' OR Agent = {agent:String}) AS s
GROUP BY s.SetId
ORDER BY SetId
