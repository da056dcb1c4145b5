-- What an episode's LLM calls cost, in US dollars: token usage of its LLM-call spans priced by the
-- collector's price table (collector/src/episodes/prices.ts, overridable with TRUMPETS_PRICES_FILE),
-- so prices can change without redeploying agents. 0 when no call could be priced.
-- ADD COLUMN IF NOT EXISTS: safe to run twice; rows assembled before it read as 0 until reassembled.
ALTER TABLE episodes ADD COLUMN IF NOT EXISTS CostUsd Float64 DEFAULT 0 AFTER OutputTokens;
