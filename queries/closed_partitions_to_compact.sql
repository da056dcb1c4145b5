-- Day partitions of a table (partitioned by toDate of a time) that ended before {closedBefore} and
-- hold more than one active part: what partition compaction merges into one part each, oldest
-- first. One row per partition: its id (for OPTIMIZE … PARTITION ID), the day, parts and rows.
SELECT
    partition_id AS partitionId,
    partition AS day,
    count() AS parts,
    toString(sum(rows)) AS rows
FROM system.parts
WHERE database = currentDatabase()
  AND table = {table:String}
  AND active
GROUP BY partition_id, partition
HAVING parts > 1
   AND toDateTime(toDate(partition)) + INTERVAL 1 DAY <= fromUnixTimestamp64Milli({closedBeforeMs:Int64})
ORDER BY partition_id
