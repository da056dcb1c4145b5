-- Agent configs: one immutable JSON document per agent version (prompts, thresholds, routing rules,
-- tool settings, guardrails), addressed by the sha256 of its canonical JSON, so the baseline a
-- proposal or a gate decision names is always retrievable exactly. ReplacingMergeTree keyed by
-- (Agent, Version): registering the same content twice leaves one row. Small table: no partitions.
CREATE TABLE IF NOT EXISTS agent_configs
(
    -- identity
    Agent LowCardinality(String),
    Version String,
    -- the document, canonical JSON
    Config String CODEC(ZSTD(3)),
    -- where it came from: the version it was derived from and the proposal that derived it, if any
    ParentVersion String,
    ProposalId String,
    Note String,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplacingMergeTree
ORDER BY (Agent, Version);
