ALTER TABLE episodes_local ON CLUSTER 'trumpets' UPDATE ErrorHeadline = substring(ErrorMessage, 1, 400) WHERE ErrorHeadline = '' AND ErrorMessage != '' SETTINGS mutations_sync = 2;

ALTER TABLE tool_calls_local ON CLUSTER 'trumpets' UPDATE ErrorHeadline = substring(ErrorMessage, 1, 400) WHERE ErrorHeadline = '' AND ErrorMessage != '' SETTINGS mutations_sync = 2;
