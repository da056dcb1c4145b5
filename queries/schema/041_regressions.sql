-- Regressions: what the continuous comparison of a release (or one rollout stage) against its
-- control found, one row per finding: metric, effect and always-valid interval, sample sizes and
-- the evidence (e-value) at detection. Append-only; a finding is written once per release, stage
-- and metric.
CREATE TABLE IF NOT EXISTS regressions
(
    RegressionId String,
    Agent LowCardinality(String),
    ReleaseId String,
    ControlReleaseId String,
    StageIndex Int32,
    Percent Float64,
    Metric LowCardinality(String),
    -- candidate − control, in the metric's unit (rate difference, log ratio), and its interval
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
ENGINE = MergeTree
ORDER BY (Agent, DetectedAt, RegressionId);

-- What each Grafana alert notification did, keyed by (group key, fingerprint, startsAt), so a
-- repeated notification of the same alert acts once.
CREATE TABLE IF NOT EXISTS alert_notifications
(
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
ENGINE = MergeTree
ORDER BY (NotificationKey, ReceivedAt);
