CREATE TABLE IF NOT EXISTS failure_cluster_members_local ON CLUSTER 'trumpets' (
    FailureId String,
    EpisodeId String,
    ClusterId String,
    TemplateId String,
    Kind LowCardinality(String),
    Agent LowCardinality(String),
    AgentVersion LowCardinality(String),
    Workflow LowCardinality(String),
    ToolName LowCardinality(String),
    Text String CODEC(ZSTD(3)),
    OccurredAt DateTime64(3),
    AssignedAt DateTime64(6),
    INDEX cluster_idx ClusterId TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', AssignedAt)
PARTITION BY toDate(OccurredAt)
ORDER BY (OccurredAt, FailureId)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS failure_cluster_members ON CLUSTER 'trumpets' AS failure_cluster_members_local
ENGINE = Distributed('trumpets', currentDatabase(), 'failure_cluster_members_local', cityHash64(FailureId));
