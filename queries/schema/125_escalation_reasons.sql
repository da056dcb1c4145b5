-- An escalated episode's reason as a column of its own, computed by the engine from the root's
-- attributes on every insert: failure clustering reads it without the whole attribute map, which
-- for most frameworks holds the root span's prompt and answer. Rows stored before get theirs once.
ALTER TABLE episodes ADD COLUMN IF NOT EXISTS EscalationReason String MATERIALIZED Attributes['trumpets.escalation.reason'] CODEC(ZSTD(3)) AFTER ErrorHeadline;
ALTER TABLE episodes MATERIALIZE COLUMN EscalationReason SETTINGS mutations_sync = 2;
