import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log/logger.ts';
import { createStore } from './store/createStore.ts';
import { runMigrations } from './store/migrations.ts';
import { applyRetention } from './store/retention.ts';
import { listDeadLetters } from './spool/DeadLetters.ts';
import { replayDeadLetters } from './spool/replayDeadLetters.ts';
import { SpoolLockedError } from './spool/spoolLock.ts';
import { StoreError } from './store/Store.ts';
import { startLoopDemo } from './demo/startLoopDemo.ts';
import { runDemoAgent } from './demo/runDemoAgent.ts';
import { startCollector } from './startCollector.ts';

const USAGE = `Usage: trumpets <command> [options]

Commands:
  start [--host H] [--port N] [--data-dir DIR]
                                  run the collector (OTLP/HTTP and the API on 127.0.0.1:4318 unless told otherwise;
                                  each flag overrides its variable: TRUMPETS_HOST, TRUMPETS_PORT, TRUMPETS_DATA_DIR)
  demo [--episodes N] [--keep-running]
                                  the whole loop on a fresh store under ./.trumpets/demo: a support agent's traffic,
                                  failure modes, proposals, the gate, a staged release, a regression and its rollback
                                  (--episodes: history before the loop, default 1500; --keep-running: serve afterwards)
      every: { type: 'string', default: '10' },
  migrate                         apply the schema migrations in queries/schema and exit
  query "<SQL>"                   run a read query against the store and print rows as JSON lines
                                  (the embedded store allows one process: stop the collector first)
  dead-letters list | replay      print the rows the store refused for good (JSON lines), or offer
                                  them to their tables again (lone surrogates made U+FFFD first)

Configuration comes from environment variables (flags, where given, win); see README.md.`;

/** `start` flags and the variables they stand for: a flag is checked by the same rules as its variable. */
const FLAG_VARIABLES = { host: 'TRUMPETS_HOST', port: 'TRUMPETS_PORT', 'data-dir': 'TRUMPETS_DATA_DIR' } as const;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv);
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command === 'demo-agent')
    return runDemoAgent({
      episodes: parsePositiveInt(values.episodes, '--episodes'),
      everySeconds: parsePositiveInt(values.every, '--every'),
    });
  const flagged = Object.entries(FLAG_VARIABLES).filter(([flag]) => values[flag as keyof typeof FLAG_VARIABLES] !== undefined);
  if (command !== 'start' && flagged.length > 0) throw new UsageError(`--${flagged[0]![0]} is an option of start only`);
  const config = loadFlaggedConfig(
    flagged.map(([flag, variable]) => ({ flag, variable, value: values[flag as keyof typeof FLAG_VARIABLES]! })),
  );
  const log = createLogger(config.logLevel);

  if (command === 'start') {
    const collector = await startCollector(config, log);
    let stopping = false;
    // Once: a second signal (a Ctrl-C reaches both `trumpets` and the process it launched) must not cut the close short.
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info('shutting down', { signal });
      await collector.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGHUP', () => void stop('SIGHUP'));
    return -1;
  }
  if (command === 'demo') {
    await startLoopDemo(config, log, {
      historyEpisodes: parsePositiveInt(values.episodes, '--episodes'),
      keepRunning: values['keep-running'],
    });
    return 0;
  }
  if (command === 'migrate') {
    const store = await createStore(config);
    const report = await runMigrations(store, undefined, { cluster: config.clickhouse?.cluster });
    process.stdout.write(`applied ${report.applied.length} migration(s); ${report.alreadyApplied} already applied\n`);
    for (const { table, days } of await applyRetention(store, config.retention, config.clickhouse?.cluster))
      process.stdout.write(`retention of ${table}: ${days > 0 ? `${days} days` : 'kept forever'}\n`);
    await store.close();
    return 0;
  }
  if (command === 'query') {
    const sql = rest.join(' ');
    if (!sql) throw new UsageError('query needs a SQL statement, e.g. trumpets query "SELECT count() FROM episodes FINAL"');
    const store = await createStore(config);
    for (const row of await store.query<object>(sql)) process.stdout.write(`${JSON.stringify(row)}\n`);
    await store.close();
    return 0;
  }
  if (command === 'dead-letters') {
    const action = rest[0];
    if (action !== 'list' && action !== 'replay') throw new UsageError('dead-letters needs list or replay');
    const store = await createStore(config);
    await runMigrations(store, undefined, { cluster: config.clickhouse?.cluster });
    if (action === 'list') for (const row of await listDeadLetters(store)) process.stdout.write(`${JSON.stringify(row)}\n`);
    else {
      const report = await replayDeadLetters(store);
      process.stdout.write(`replayed ${report.replayed} row(s); ${report.refused.length} refused again and still held\n`);
      for (const refused of report.refused) process.stdout.write(`${JSON.stringify(refused)}\n`);
    }
    await store.close();
    return 0;
  }
  throw new UsageError(`unknown command '${command}'`);
}

class UsageError extends Error {}

/** The configuration with the flags' values in place of their variables; a bad value is reported under the flag's name. */
function loadFlaggedConfig(flags: Array<{ flag: string; variable: string; value: string }>) {
  try {
    return loadConfig({ ...process.env, ...Object.fromEntries(flags.map(({ variable, value }) => [variable, value])) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const message = flags.reduce(
      (text, { flag, variable }) => text.replaceAll(`${variable}:`, `--${flag}:`).replaceAll(`${variable} is`, `--${flag} is`),
      error.message,
    );
    throw new ConfigError(message);
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        episodes: { type: 'string', default: '1500' },
        'keep-running': { type: 'boolean', default: false },
        every: { type: 'string', default: '10' },
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--prot'" or "Option '--port <value>' argument missing".
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parsePositiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${flag} must be a positive whole number, got '${text}'`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`trumpets: ${error.message}\n\n${USAGE}\n`);
    else if (error instanceof ConfigError || error instanceof StoreError || error instanceof SpoolLockedError)
      process.stderr.write(`trumpets: ${error.message}\n`);
    else process.stderr.write(`trumpets: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
