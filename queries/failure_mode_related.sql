-- Live failure modes whose labels are near-duplicates of this one's: the same failure seen in
-- another workflow, tool or category. ClickHouse's n-gram SimHash of the label without its
-- placeholders; near means a Hamming distance of at most {maxDistance} of its 32 significant bits.
WITH
    (label) -> ngramSimHashCaseInsensitiveUTF8(replaceRegexpAll(label, '<[A-Z*]+>', '')) AS simHash,
    (SELECT simHash(Label) FROM failure_clusters FINAL WHERE ClusterId = {clusterId:String}) AS target
SELECT ClusterId, Label, Category, Workflow, ToolName, ErrorType, bitCount(bitXor(simHash(Label), target)) AS distance
FROM failure_clusters FINAL
WHERE MergedInto = '' AND ClusterId != {clusterId:String} AND distance <= {maxDistance:UInt8}
ORDER BY distance, ClusterId
LIMIT 10
