-- Human corrections, each its own small trace naming the episode it corrects.
-- Keyed by the correction span, so a retried delivery is one correction, two corrections are two.
CREATE TABLE IF NOT EXISTS corrections
(
    CorrectionId String,
    EpisodeId String,
    CorrectedOutput String CODEC(ZSTD(3)),
    Reason String CODEC(ZSTD(3)),
    Author String,
    CreatedAt DateTime64(9),
    AssembledAt DateTime64(6)
)
ENGINE = ReplacingMergeTree(AssembledAt)
PARTITION BY toDate(CreatedAt)
ORDER BY (EpisodeId, CorrectionId)
SETTINGS ttl_only_drop_parts = 1;
