CREATE TABLE IF NOT EXISTS failure_clustering_passes_local ON CLUSTER 'trumpets' (
    PassAt DateTime64(6),
    Watermark DateTime64(6),
    Episodes UInt32,
    Failures UInt32,
    ClustersCreated UInt32,
    Merges UInt32,
    DurationMs Float64
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY PassAt;

CREATE TABLE IF NOT EXISTS failure_clustering_passes ON CLUSTER 'trumpets' AS failure_clustering_passes_local
ENGINE = Distributed('trumpets', currentDatabase(), 'failure_clustering_passes_local', cityHash64(PassAt));

ALTER TABLE episodes_local ON CLUSTER 'trumpets' ADD INDEX IF NOT EXISTS assembled_at_idx AssembledAt TYPE minmax GRANULARITY 1;

ALTER TABLE tool_calls_local ON CLUSTER 'trumpets' ADD INDEX IF NOT EXISTS assembled_at_idx AssembledAt TYPE minmax GRANULARITY 1;

ALTER TABLE corrections_local ON CLUSTER 'trumpets' ADD INDEX IF NOT EXISTS assembled_at_idx AssembledAt TYPE minmax GRANULARITY 1;
