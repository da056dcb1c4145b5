-- The templates (wordings) of a failure mode with their failures in [from, to), most frequent first.
SELECT m.TemplateId AS templateId, arrayStringConcat(any(t.Tokens), ' ') AS template, count() AS failures
FROM failure_cluster_members AS m FINAL
LEFT JOIN (SELECT TemplateId, Tokens FROM failure_templates FINAL) AS t ON t.TemplateId = m.TemplateId
WHERE m.ClusterId IN {clusterIds:Array(String)}
  AND m.OccurredAt >= fromUnixTimestamp64Milli({fromMs:Int64})
  AND m.OccurredAt < fromUnixTimestamp64Milli({toMs:Int64})
  AND ({agent:String} = '' OR m.Agent = {agent:String})
GROUP BY templateId
ORDER BY failures DESC, templateId
LIMIT 20
