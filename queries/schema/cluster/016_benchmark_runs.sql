RENAME TABLE IF EXISTS validation_runs_local TO benchmark_runs_local ON CLUSTER 'trumpets';

DROP TABLE IF EXISTS validation_runs ON CLUSTER 'trumpets';

CREATE TABLE IF NOT EXISTS benchmark_runs ON CLUSTER 'trumpets' AS benchmark_runs_local
ENGINE = Distributed('trumpets', currentDatabase(), 'benchmark_runs_local', cityHash64(RunId));

RENAME TABLE IF EXISTS validation_results_local TO benchmark_results_local ON CLUSTER 'trumpets';

DROP TABLE IF EXISTS validation_results ON CLUSTER 'trumpets';

CREATE TABLE IF NOT EXISTS benchmark_results ON CLUSTER 'trumpets' AS benchmark_results_local
ENGINE = Distributed('trumpets', currentDatabase(), 'benchmark_results_local', cityHash64(RunId));
