-- Whether an episode raised a safety flag (a `trumpets.safety.flag` event on any of its spans),
-- stored at assembly: failure clustering and regression detection read it here instead of
-- looking for flag events among all of a day's spans, which cost a pass seconds once the spans
-- table held millions of rows. Episodes stored before get theirs from the flags migration 130
-- copied out of their spans, so an upgrade reads the spans table once.
ALTER TABLE episodes ADD COLUMN IF NOT EXISTS SafetyFlagged Bool DEFAULT false AFTER SpanCount;
ALTER TABLE episodes UPDATE SafetyFlagged = true WHERE EpisodeId IN (SELECT EpisodeId FROM safety_flags) SETTINGS mutations_sync = 2, allow_nondeterministic_mutations = 1;
