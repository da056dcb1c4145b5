-- Every clustered failure with the live cluster it belongs to (merged clusters resolved): what the
-- clustering benchmark scores against the corpus truth.
SELECT m.FailureId AS FailureId, if(c.MergedInto = '', m.ClusterId, c.MergedInto) AS clusterId
FROM failure_cluster_members AS m FINAL
INNER JOIN (SELECT ClusterId, MergedInto FROM failure_clusters FINAL) AS c ON c.ClusterId = m.ClusterId
