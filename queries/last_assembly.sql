-- When the episode assembler last wrote an episode, in ms since the epoch (0 when it never has).
SELECT if(count() = 0, 0, toUnixTimestamp64Milli(max(AssembledAt))) AS lastAssembledMs
FROM episodes
