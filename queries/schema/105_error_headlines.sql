-- The line of an error message that says what went wrong (collector/src/spans/errorHeadline.ts),
-- stored when an episode is assembled: failure clustering reads it instead of cutting stack traces
-- in SQL. Rows assembled before this column existed have it empty; readers fall back to the message.
ALTER TABLE episodes ADD COLUMN IF NOT EXISTS ErrorHeadline String DEFAULT '' CODEC(ZSTD(3)) AFTER ErrorMessage;
ALTER TABLE tool_calls ADD COLUMN IF NOT EXISTS ErrorHeadline String DEFAULT '' CODEC(ZSTD(3)) AFTER ErrorMessage;
