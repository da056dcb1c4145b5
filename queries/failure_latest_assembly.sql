-- The newest assembly stamp of episodes and corrections, in µs since the epoch (0 when none):
-- how far a flush clusters once assembly has stopped.
SELECT toUnixTimestamp64Micro(greatest(
    (SELECT max(AssembledAt) FROM episodes),
    (SELECT max(AssembledAt) FROM corrections)
)) AS micros
