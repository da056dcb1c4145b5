import { parseArgs } from 'node:util';
import { benchIngest } from './ingest.ts';
import { benchSoak } from './soak.ts';

/**
 * `pnpm bench`: each figure is printed beside a baseline measured in the same run, as a ratio,
 * so results compare across machines. Targets are the project's, for a 2-core machine.
 * `pnpm bench --soak` runs the soak instead: steady load for --minutes (default 10), RSS at start and end.
 */
const { values } = parseArgs({
  options: {
    episodes: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '16' },
    soak: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '5000' },
  },
});
const log = (line: string) => process.stdout.write(`${line}\n`);

if (values.soak) {
  await benchSoak(Number(values.minutes), Number(values.rate), log);
} else {
  const ingest = await benchIngest(Number(values.episodes), Number(values.concurrency), log);
  const slowerBaseline = Math.min(ingest.decodeSpansPerSec, ingest.rawInsertSpansPerSec);
  log('');
  log(`ingest end to end (stored): ${ingest.spoolOn.stored.toLocaleString('en')} spans/s (target ≥ 50,000)`);
  log(`  / slower of decode-only and raw insert: ${(ingest.spoolOn.stored / slowerBaseline).toFixed(2)} (target ≥ 0.50)`);
  log(`  spool on / spool off (stored): ${(ingest.spoolOn.stored / ingest.spoolOff.stored).toFixed(2)}`);
}
