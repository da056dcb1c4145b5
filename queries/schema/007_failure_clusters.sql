-- Failure modes (clusters) and the templates mined for them: the state the failure clusterer
-- restores at start, so a restarted collector assigns exactly as before. Nothing is updated in
-- place: every change is a new row with a higher Version (ReplacingMergeTree(Version)); readers
-- use FINAL. Small tables (one row per mode or template), so no partitioning.
CREATE TABLE IF NOT EXISTS failure_clusters
(
    -- identity: a hash of the canonical signature
    ClusterId String,
    -- signature
    Category LowCardinality(String),
    Workflow LowCardinality(String),
    ToolName LowCardinality(String),
    ErrorType LowCardinality(String),
    -- state that changes
    Label String,
    FirstSeen DateTime64(3),
    LastSeen DateTime64(3),
    MergedInto String,
    -- creation order (of two merging clusters the older keeps its id) and row version
    Seq UInt64,
    Version UInt64
)
ENGINE = ReplacingMergeTree(Version)
ORDER BY ClusterId;

CREATE TABLE IF NOT EXISTS failure_templates
(
    TemplateId String,
    ClusterId String,
    -- where it lives in the parse tree, fixed at creation
    ScopeKey String,
    Route Array(String),
    -- the template as it reads now, and the words of its founding message
    Tokens Array(String),
    Words Array(String),
    Leads Bool,
    Seq UInt64,
    Version UInt64
)
ENGINE = ReplacingMergeTree(Version)
ORDER BY TemplateId;

-- What happened to clusters: created, merged_into (ClusterId was absorbed by OtherClusterId).
-- Append-only history; keyed so that a pass replayed after a crash records an event once.
CREATE TABLE IF NOT EXISTS failure_cluster_events
(
    ClusterId String,
    Event LowCardinality(String),
    OtherClusterId String,
    At DateTime64(6)
)
ENGINE = ReplacingMergeTree
ORDER BY (ClusterId, Event, OtherClusterId);
