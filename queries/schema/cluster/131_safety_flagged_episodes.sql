ALTER TABLE episodes_local ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS SafetyFlagged Bool DEFAULT false AFTER SpanCount;

ALTER TABLE episodes ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS SafetyFlagged Bool DEFAULT false AFTER SpanCount;

ALTER TABLE episodes_local ON CLUSTER 'trumpets' UPDATE SafetyFlagged = true WHERE EpisodeId IN (SELECT EpisodeId FROM safety_flags) SETTINGS mutations_sync = 2, allow_nondeterministic_mutations = 1;
