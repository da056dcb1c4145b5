ALTER TABLE failure_templates_local ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS Links Array(String) AFTER Leads;

ALTER TABLE failure_templates ON CLUSTER 'trumpets' ADD COLUMN IF NOT EXISTS Links Array(String) AFTER Leads;
