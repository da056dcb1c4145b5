import { loadConfig } from '../config.ts';
import { createLogger } from '../log/logger.ts';
import { startCollector } from '../startCollector.ts';
import { FaultyFs } from './FaultyFs.ts';

/**
 * A test's entry point where no small volume can be mounted: the real collector, its spool on a
 * pretend volume with TRUMPETS_TEST_VOLUME_FREE bytes free; SIGUSR2 frees TRUMPETS_TEST_VOLUME_BALLAST
 * bytes more, as when another program's file on the volume is deleted.
 */
const fs = new FaultyFs();
fs.freeBytes = Number(process.env.TRUMPETS_TEST_VOLUME_FREE);
fs.totalBytes = Number(process.env.TRUMPETS_TEST_VOLUME_TOTAL);
const config = loadConfig();
const log = createLogger(config.logLevel);
const collector = await startCollector(config, log, undefined, fs);
process.on('SIGUSR2', () => {
  fs.freeBytes = (fs.freeBytes ?? 0) + Number(process.env.TRUMPETS_TEST_VOLUME_BALLAST);
});
process.once('SIGTERM', () => {
  void collector.close().then(() => process.exit(0));
});
