ALTER TABLE episodes_local ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS ErrorHeadline String DEFAULT '' CODEC(ZSTD(3)) AFTER ErrorMessage;

ALTER TABLE episodes ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS ErrorHeadline String DEFAULT '' CODEC(ZSTD(3)) AFTER ErrorMessage;

ALTER TABLE tool_calls_local ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS ErrorHeadline String DEFAULT '' CODEC(ZSTD(3)) AFTER ErrorMessage;

ALTER TABLE tool_calls ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS ErrorHeadline String DEFAULT '' CODEC(ZSTD(3)) AFTER ErrorMessage;
