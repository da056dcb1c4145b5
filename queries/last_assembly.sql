-- What the episode assembler needs after a start, in ms since the epoch (0 when never):
-- when it last wrote an episode, and when the last span was received.
SELECT
    (SELECT if(count() = 0, 0, toUnixTimestamp64Milli(max(AssembledAt))) FROM episodes) AS lastAssembledMs,
    (SELECT if(count() = 0, 0, toUnixTimestamp64Milli(max(ReceivedAt))) FROM spans) AS lastReceivedMs
