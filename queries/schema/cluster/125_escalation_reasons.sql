ALTER TABLE episodes_local ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS EscalationReason String MATERIALIZED Attributes['trumpets.escalation.reason'] CODEC(ZSTD(3)) AFTER ErrorHeadline;

ALTER TABLE episodes ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS EscalationReason String MATERIALIZED Attributes['trumpets.escalation.reason'] CODEC(ZSTD(3)) AFTER ErrorHeadline;

ALTER TABLE episodes_local ON CLUSTER 'trumpets' MATERIALIZE COLUMN EscalationReason SETTINGS mutations_sync = 2;
