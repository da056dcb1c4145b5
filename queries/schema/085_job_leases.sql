-- Leases on the jobs that must run once per store (failure clustering, rollout watching, proposal
-- drafting) when several collectors share it. Append-only: a claim or renewal is a row; times are
-- the store's clock (WrittenAt), so collectors' clocks never matter. The first claim of the newest
-- epoch holds the job until its holder's latest row plus LeaseMs; a holder that stops writes a row
-- with LeaseMs 0 to hand the job over at once. Rows older than a day are of no use to anyone.
CREATE TABLE IF NOT EXISTS job_leases (
  Job LowCardinality(String),
  Epoch UInt64,
  Holder String,
  LeaseMs UInt32,
  WrittenAt DateTime64(6) DEFAULT now64(6)
) ENGINE = MergeTree
ORDER BY (Job, Epoch, WrittenAt)
TTL toDateTime(WrittenAt) + INTERVAL 1 DAY
SETTINGS ttl_only_drop_parts = 1;
