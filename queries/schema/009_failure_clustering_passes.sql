-- One row per clustering pass that found something: how far it read (the watermark the next
-- pass starts from) and what it did. Append-only.
CREATE TABLE IF NOT EXISTS failure_clustering_passes
(
    PassAt DateTime64(6),
    Watermark DateTime64(6),
    Episodes UInt32,
    Failures UInt32,
    ClustersCreated UInt32,
    Merges UInt32,
    DurationMs Float64
)
ENGINE = MergeTree
ORDER BY PassAt;

-- A pass reads rows assembled after its watermark. Without these indexes that filter scans every
-- row ever assembled; with them it skips the granules written before the watermark, so a pass
-- costs what is new, not what is stored. (Parts written before this migration are read in full
-- until they merge; the index is not materialised, which would rewrite every part.)
ALTER TABLE episodes ADD INDEX IF NOT EXISTS assembled_at_idx AssembledAt TYPE minmax GRANULARITY 1;
ALTER TABLE tool_calls ADD INDEX IF NOT EXISTS assembled_at_idx AssembledAt TYPE minmax GRANULARITY 1;
ALTER TABLE corrections ADD INDEX IF NOT EXISTS assembled_at_idx AssembledAt TYPE minmax GRANULARITY 1;

