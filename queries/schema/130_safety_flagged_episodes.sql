-- Whether an episode raised a safety flag (a `trumpets.safety.flag` event on any of its spans),
-- stored at assembly: failure clustering and regression detection read it here instead of
-- looking for flag events among all of a day's spans, which cost a pass seconds once the spans
-- table held millions of rows. Episodes stored before get theirs from their spans once.
ALTER TABLE episodes ADD COLUMN IF NOT EXISTS SafetyFlagged Bool DEFAULT false AFTER SpanCount;
ALTER TABLE episodes UPDATE SafetyFlagged = true WHERE EpisodeId IN (SELECT TraceId FROM spans WHERE has(`Events.Name`, 'trumpets.safety.flag')) SETTINGS mutations_sync = 2, allow_nondeterministic_mutations = 1;
