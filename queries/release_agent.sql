-- The agent a release belongs to.
SELECT Agent
FROM releases
WHERE ReleaseId = {releaseId:String}
LIMIT 1
