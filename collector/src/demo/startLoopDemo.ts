import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CollectorConfig } from '../config.ts';
import { tokensSchema } from '../http/apiTokens.ts';
import type { Logger } from '../log/logger.ts';
import { startCollector } from '../startCollector.ts';
import { terminalNarrator } from './narrator.ts';
import { runLoopDemo } from './runLoopDemo.ts';

export interface LoopDemoCommand {
  historyEpisodes: number;
  keepRunning: boolean;
}

/**
 * `trumpets demo`: the whole loop on a fresh embedded store under ./.trumpets/demo (or the
 * configured ClickHouse server), with a token and a webhook secret of its own, then where to look.
 */
export async function startLoopDemo(config: CollectorConfig, log: Logger, command: LoopDemoCommand): Promise<void> {
  const started = Date.now();
  const root = resolve('.trumpets', 'demo');
  const secret = randomBytes(16).toString('hex');
  const webhookSecret = config.alerts.webhookSecret ?? randomBytes(16).toString('hex');
  if (!config.clickhouse) rmSync(root, { recursive: true, force: true });
  const demoConfig: CollectorConfig = {
    ...config,
    dataDir: config.clickhouse ? config.dataDir : join(root, 'data'),
    spool: { ...config.spool, dir: join(root, 'spool') },
    tokens: tokensSchema.parse(`demo:${secret}:ingest+read+act`),
    alerts: { ...config.alerts, webhookSecret },
    // The demo drives drafting and the rollout watcher itself, step by step.
    proposalDrafting: { ...config.proposalDrafting, intervalMs: 0 },
    releaseWatchIntervalMs: 3_600_000,
  };
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Trumpets demo: the whole learning loop on the ${config.clickhouse ? 'ClickHouse server' : `embedded store under ${root}`}.`);
  const collector = await startCollector(demoConfig, log);
  try {
    await runLoopDemo(collector, {
      historyEpisodes: command.historyEpisodes,
      token: secret,
      webhookSecret,
      narrator: terminalNarrator(),
    });
    out(`\nThe loop ran in ${Math.round((Date.now() - started) / 1000)} s: capture → critique → validate → promote → detect → roll back.`);
    out('Where to look next:');
    out(`  the API        ${collector.url}/api/releases?agent=support-agent  (Authorization: Bearer ${secret})`);
    out('  the SQL        queries/*.sql: the named queries the API and the Grafana panels run');
    out('  Grafana        docker compose up, then http://localhost:3000 → Apps → Trumpets (see README "Grafana")');
    if (!config.clickhouse)
      out(`  the store      TRUMPETS_DATA_DIR=${join(root, 'data')} npx -y pnpm@9.15.9 exec trumpets query "SELECT * FROM release_events"`);
    if (command.keepRunning) {
      out(`\nThe collector keeps serving ${collector.url} until Ctrl-C.`);
      await new Promise<void>((resolveStop) => {
        process.once('SIGINT', () => resolveStop());
        process.once('SIGTERM', () => resolveStop());
      });
    }
  } finally {
    await collector.close();
  }
}
