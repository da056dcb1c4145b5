import { setup } from '@trumpets/instrumentation';
import { runSampleAgent } from '@trumpets/instrumentation/testing';

/**
 * `trumpets demo-agent`: the sample agent as its own process, sending a batch of episodes every
 * `everySeconds` to the collector named by TRUMPETS_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT, with
 * the headers of OTEL_EXPORTER_OTLP_HEADERS (the ingest token): live traffic for the dashboards.
 */
export async function runDemoAgent(options: { episodes: number; everySeconds: number }): Promise<never> {
  const tracing = setup({ serviceName: 'trumpets-demo-agent' });
  for (let seed = 1; ; seed++) {
    const sent = await runSampleAgent({ episodes: options.episodes, seed });
    await tracing.forceFlush();
    process.stdout.write(`${JSON.stringify({ msg: 'demo agent sent episodes', episodes: sent.episodes, failures: sent.failures })}\n`);
    await new Promise((resolve) => setTimeout(resolve, options.everySeconds * 1000));
  }
}
