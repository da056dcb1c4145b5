-- Every mined template as it stands now, in creation order: what a restarted clusterer restores.
SELECT TemplateId, ClusterId, ScopeKey, Route, Tokens, Words, Leads, Links, Seq
FROM failure_templates FINAL
ORDER BY Seq
