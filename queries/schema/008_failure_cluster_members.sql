-- Which cluster each failure belongs to, with what the read API filters and shows, so listing a
-- mode never joins back to episodes. Keyed by (OccurredAt, FailureId): a failure read again
-- (re-assembly, a replayed pass) replaces its row, newest AssignedAt winning, even when it moved
-- to another cluster; OccurredAt never changes for a failure, so both copies share a partition,
-- and time-range reads skip by primary key. Readers use FINAL. Rows of a merged cluster keep its
-- id; failure_clusters.MergedInto maps them to the cluster that absorbed it.
CREATE TABLE IF NOT EXISTS failure_cluster_members
(
    -- identity
    FailureId String,
    EpisodeId String,
    -- assignment
    ClusterId String,
    TemplateId String,
    -- what the failure touches
    Kind LowCardinality(String),
    Agent LowCardinality(String),
    AgentVersion LowCardinality(String),
    Workflow LowCardinality(String),
    ToolName LowCardinality(String),
    -- the line its template was mined from
    Text String CODEC(ZSTD(3)),
    -- when
    OccurredAt DateTime64(3),
    AssignedAt DateTime64(6),
    INDEX cluster_idx ClusterId TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree(AssignedAt)
PARTITION BY toDate(OccurredAt)
ORDER BY (OccurredAt, FailureId)
SETTINGS ttl_only_drop_parts = 1;
