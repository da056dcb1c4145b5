-- How far failure clustering has read, in µs since the epoch (0 when it never ran).
SELECT if(count() = 0, 0, toUnixTimestamp64Micro(max(Watermark))) AS micros
FROM failure_clustering_passes
