CREATE TABLE IF NOT EXISTS job_leases_local ON CLUSTER 'trumpets' (
  Job LowCardinality(String),
  Epoch UInt64,
  Holder String,
  LeaseMs UInt32,
  WrittenAt DateTime64(6) DEFAULT now64(6)
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (Job, Epoch, WrittenAt)
TTL toDateTime(WrittenAt) + INTERVAL 1 DAY
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS job_leases ON CLUSTER 'trumpets' AS job_leases_local
ENGINE = Distributed('trumpets', currentDatabase(), 'job_leases_local', cityHash64(Job));
