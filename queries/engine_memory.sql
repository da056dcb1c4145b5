-- The engine's own memory figures, shown in /metrics beside the process's resident memory:
-- what it tracks as allocated (queries, inserts and merges), merges alone, and each cache.
SELECT metric, toString(value) AS bytes
FROM system.metrics
WHERE metric IN ('MemoryTracking', 'MergesMutationsMemoryTracking', 'MarkCacheBytes', 'IndexMarkCacheBytes', 'PrimaryIndexCacheBytes', 'UncompressedCacheBytes')
