-- One name for one thing: a benchmark run is what `runBenchmark` registers and what its episodes
-- carry as `trumpets.benchmark.run_id`; the tables were named for the validation that reads them.
RENAME TABLE IF EXISTS validation_runs TO benchmark_runs;
RENAME TABLE IF EXISTS validation_results TO benchmark_results;
