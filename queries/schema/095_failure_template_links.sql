-- The error modes a correction's wording was written about (failure cluster ids as assigned):
-- the same correction of a typed and an untyped mode of one place is evidence that they are one
-- failure mode. Empty for every other template.
ALTER TABLE failure_templates ADD COLUMN IF NOT EXISTS Links Array(String) AFTER Leads;
