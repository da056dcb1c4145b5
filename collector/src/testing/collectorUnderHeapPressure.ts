import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log/logger.ts';
import { startCollector } from '../startCollector.ts';

/**
 * A test's entry point: the real collector, its JS heap filled to TRUMPETS_TEST_HEAP_BALLAST_PERCENT
 * of its limit by live objects before it starts, as when it holds more than it can take.
 * SIGUSR2 lets go of them and collects the heap, then logs `heap ballast released`.
 */
const percent = Number(process.env.TRUMPETS_TEST_HEAP_BALLAST_PERCENT);
let ballast: number[][] = [];
const used = () => getHeapStatistics().used_heap_size / getHeapStatistics().heap_size_limit;
while (used() * 100 < percent) ballast.push(Array.from({ length: 250_000 }, (_, i) => i + ballast.length * 0.5));

const config = loadConfig();
const log = createLogger(config.logLevel);
const collector = await startCollector(config, log);
// A heap limit can be set only at start, a collection asked for only with --expose-gc: both from here.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
process.on('SIGUSR2', () => {
  ballast = [];
  collectGarbage();
  log.info('heap ballast released', { heapUsedShare: used() });
});
process.once('SIGTERM', () => {
  void collector.close().then(() => process.exit(0));
});
