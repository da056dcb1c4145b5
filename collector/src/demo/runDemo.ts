import { runSampleAgent, setup } from '@trumpets/instrumentation';
import { loadQuery } from '../queries.ts';
import type { RunningCollector } from '../startCollector.ts';

interface OutcomeRow {
  Agent: string;
  Outcome: string;
  episodes: string;
  toolCalls: string;
  toolErrors: string;
  tokens: string;
  p95LatencyMs: number;
}

/**
 * The newcomer's first minute: the sample agent sends episodes through the real OTLP exporter to
 * the running collector, and we print what landed in the store and how to look at it.
 */
export async function runDemo(collector: RunningCollector, options: { episodes: number; dataDir: string }): Promise<void> {
  const startedMs = Date.now();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`\nDemo: the sample agent sends ${options.episodes} episodes to ${collector.url}/v1/traces ...`);

  const tracing = setup({ serviceName: 'trumpets-demo-agent', endpoint: `${collector.url}/v1/traces` });
  const sent = await runSampleAgent({ episodes: options.episodes, seed: 7 });
  await tracing.shutdown();
  await collector.settle();

  const rows = await collector.store.query<OutcomeRow>(loadQuery('episode_outcomes'), { fromMs: startedMs - 60_000 });
  const stored = rows.reduce((sum, row) => sum + Number(row.episodes), 0);
  out(`Sent ${sent.episodes} episodes (${sent.failures} failed). Stored ${stored} episodes in the ${collector.store.backend} store:`);
  for (const row of rows) {
    out(
      `  ${row.Agent.padEnd(16)} ${row.Outcome.padEnd(10)} ${row.episodes.padStart(4)} episodes  ${row.toolCalls.padStart(4)} tool calls (${row.toolErrors} failed)  ${row.tokens} tokens  p95 ${row.p95LatencyMs} ms`,
    );
  }
  out(`\nThe collector keeps running: point any OTLP/HTTP exporter at ${collector.url}/v1/traces.`);
  if (collector.store.backend === 'embedded') {
    out(`The embedded store under ${options.dataDir} is held by this process. Stop it (Ctrl-C), then query it, e.g.:`);
    out(
      `  npx -y pnpm@9.15.9 exec trumpets query "SELECT Workflow, Outcome, count() AS n FROM episodes FINAL GROUP BY ALL ORDER BY n DESC"`,
    );
  }
}
