CREATE TABLE IF NOT EXISTS regressions_local ON CLUSTER 'trumpets' (
    RegressionId String,
    Agent LowCardinality(String),
    ReleaseId String,
    ControlReleaseId String,
    StageIndex Int32,
    Percent Float64,
    Metric LowCardinality(String),
    Effect Float64,
    Lower Float64,
    Upper Float64,
    EValue Float64,
    Alpha Float64,
    CandidateEpisodes UInt64,
    ControlEpisodes UInt64,
    Summary String CODEC(ZSTD(3)),
    DetectedAt DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (Agent, DetectedAt, RegressionId);

CREATE TABLE IF NOT EXISTS regressions ON CLUSTER 'trumpets' AS regressions_local
ENGINE = Distributed('trumpets', currentDatabase(), 'regressions_local', cityHash64(Agent));

CREATE TABLE IF NOT EXISTS alert_notifications_local ON CLUSTER 'trumpets' (
    NotificationKey String,
    GroupKey String,
    Fingerprint String,
    StartsAt String,
    Status LowCardinality(String),
    Agent LowCardinality(String),
    ReleaseId String,
    Action LowCardinality(String),
    EventId String,
    ReceivedAt DateTime64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (NotificationKey, ReceivedAt);

CREATE TABLE IF NOT EXISTS alert_notifications ON CLUSTER 'trumpets' AS alert_notifications_local
ENGINE = Distributed('trumpets', currentDatabase(), 'alert_notifications_local', cityHash64(NotificationKey));
