CREATE TABLE IF NOT EXISTS agent_configs_local ON CLUSTER 'trumpets' (
    Agent LowCardinality(String),
    Version String,
    Config String CODEC(ZSTD(3)),
    ParentVersion String,
    ProposalId String,
    Note String,
    CreatedBy String,
    CreatedAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}')
ORDER BY (Agent, Version);

CREATE TABLE IF NOT EXISTS agent_configs ON CLUSTER 'trumpets' AS agent_configs_local
ENGINE = Distributed('trumpets', currentDatabase(), 'agent_configs_local', cityHash64(Agent));
