-- Dead letters still held (not yet replayed), oldest first.
SELECT Id, TableName, Columns, Row, Reason, Error, Status, FirstHeldAt
FROM dead_letters FINAL
WHERE Status = 'held'
ORDER BY FirstHeldAt, Id
LIMIT {limit:UInt32}
