CREATE TABLE IF NOT EXISTS failure_clusters_local ON CLUSTER 'trumpets' (
    ClusterId String,
    Category LowCardinality(String),
    Workflow LowCardinality(String),
    ToolName LowCardinality(String),
    ErrorType LowCardinality(String),
    Label String,
    FirstSeen DateTime64(3),
    LastSeen DateTime64(3),
    MergedInto String,
    Seq UInt64,
    Version UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', Version)
ORDER BY ClusterId;

CREATE TABLE IF NOT EXISTS failure_clusters ON CLUSTER 'trumpets' AS failure_clusters_local
ENGINE = Distributed('trumpets', currentDatabase(), 'failure_clusters_local', cityHash64(ClusterId));

CREATE TABLE IF NOT EXISTS failure_templates_local ON CLUSTER 'trumpets' (
    TemplateId String,
    ClusterId String,
    ScopeKey String,
    Route Array(String),
    Tokens Array(String),
    Words Array(String),
    Leads Bool,
    Seq UInt64,
    Version UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', Version)
ORDER BY TemplateId;

CREATE TABLE IF NOT EXISTS failure_templates ON CLUSTER 'trumpets' AS failure_templates_local
ENGINE = Distributed('trumpets', currentDatabase(), 'failure_templates_local', cityHash64(TemplateId));

CREATE TABLE IF NOT EXISTS failure_cluster_events_local ON CLUSTER 'trumpets' (
    ClusterId String,
    Event LowCardinality(String),
    OtherClusterId String,
    At DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (ClusterId, Event, OtherClusterId);

CREATE TABLE IF NOT EXISTS failure_cluster_events ON CLUSTER 'trumpets' AS failure_cluster_events_local
ENGINE = Distributed('trumpets', currentDatabase(), 'failure_cluster_events_local', cityHash64(ClusterId));
