-- Which validation of one change (baseline and candidate config versions) a decision was: attempts
-- share the policy's error rate, so each decision records its number. 0 on decisions made before
-- attempts were counted.
ALTER TABLE gate_decisions ADD COLUMN IF NOT EXISTS Attempt UInt8 DEFAULT 0 AFTER Seed;
