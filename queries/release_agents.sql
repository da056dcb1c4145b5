-- Agents that have releases: the ones the rollout watcher looks at.
SELECT DISTINCT Agent
FROM releases
ORDER BY Agent
