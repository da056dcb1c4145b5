-- Rows assembled before migration 105 have no stored headline: they get the first 400 characters
-- of their message, what readers used to fall back to, so every reader takes ErrorHeadline as it is.
ALTER TABLE episodes UPDATE ErrorHeadline = substring(ErrorMessage, 1, 400) WHERE ErrorHeadline = '' AND ErrorMessage != '' SETTINGS mutations_sync = 2;
ALTER TABLE tool_calls UPDATE ErrorHeadline = substring(ErrorMessage, 1, 400) WHERE ErrorHeadline = '' AND ErrorMessage != '' SETTINGS mutations_sync = 2;
