-- The newest epoch of a job's lease: every row of it in write order (the first row's holder holds
-- it), each row's expiry, and the store's clock, all in Unix milliseconds.
WITH (SELECT max(Epoch) FROM job_leases WHERE Job = {job:String}) AS newest
SELECT
  Epoch,
  Holder,
  toUnixTimestamp64Milli(WrittenAt) AS writtenMs,
  toUnixTimestamp64Milli(WrittenAt) + LeaseMs AS expiresMs,
  toUnixTimestamp64Milli(now64(3)) AS nowMs
FROM job_leases
WHERE Job = {job:String} AND Epoch = newest
ORDER BY WrittenAt, Holder
