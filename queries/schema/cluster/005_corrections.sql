CREATE TABLE IF NOT EXISTS corrections_local ON CLUSTER 'trumpets' (
    CorrectionId String,
    EpisodeId String,
    CorrectedOutput String CODEC(ZSTD(3)),
    Reason String CODEC(ZSTD(3)),
    Author String,
    CreatedAt DateTime64(9),
    AssembledAt DateTime64(6)
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', AssembledAt)
PARTITION BY toDate(CreatedAt)
ORDER BY (EpisodeId, CorrectionId)
SETTINGS ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS corrections ON CLUSTER 'trumpets' AS corrections_local
ENGINE = Distributed('trumpets', currentDatabase(), 'corrections_local', cityHash64(EpisodeId));
