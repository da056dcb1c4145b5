import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@trumpets/collector';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DATASOURCE_UIDS, GRAFANA_ENV, PLUGIN_IDS, SERVICE_URLS } from './deployment.ts';
import { GRAFANA_PROVISIONING_DIR, renderProvisioning } from './renderProvisioning.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');

interface Service {
  image: string;
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  entrypoint?: string[];
  depends_on?: Record<string, { condition: string }>;
}

/** `${NAME:-default}` as Compose resolves it with NAME unset (the file's own defaults). */
const withDefaults = (text: string) => text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
const compose = parse(withDefaults(readFileSync(COMPOSE_FILE, 'utf8'))) as { services: Record<string, Service> };
const services = compose.services;
const env = (service: string) => services[service]!.environment ?? {};

/** The collector's tokens by secret: `name:secret:scope+scope`. */
const collectorTokens = new Map(
  env('collector')
    .TRUMPETS_TOKENS!.split(',')
    .map((entry) => entry.split(':') as [string, string, string])
    .map(([, secret, scopes]) => [secret, scopes.split('+')]),
);
const hostPort = (url: string) => new URL(url).host;

describe('docker-compose.yml', () => {
  it('gives every service that publishes a port credentials, and the collector a configuration it accepts', () => {
    const published = Object.entries(services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual(['clickhouse', 'collector', 'grafana']);
    expect(env('collector').TRUMPETS_HOST).toBe('0.0.0.0');
    const config = loadConfig(env('collector'));
    expect(config.tokens.map((token) => token.name)).toEqual(['agent', 'grafana', 'grafana-actions']);
    expect(env('clickhouse').CLICKHOUSE_PASSWORD).not.toBe('');
    expect(env('grafana').GF_SECURITY_ADMIN_PASSWORD).not.toBe('');
    expect(env('grafana').GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
    for (const [name, service] of Object.entries(services))
      for (const port of service.ports ?? [])
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/) });
  });

  it('hands each client a token of the collector with the scope it needs, and the same secrets on both ends', () => {
    const ingestToken = env('demo-agent').OTEL_EXPORTER_OTLP_HEADERS!.replace(/^Authorization=Bearer /, '');
    expect(collectorTokens.get(ingestToken)).toContain('ingest');
    expect(collectorTokens.get(env('grafana')[GRAFANA_ENV.readToken]!)).toContain('read');
    expect(collectorTokens.get(env('grafana')[GRAFANA_ENV.actToken]!)).toContain('act');
    expect(collectorTokens.get(env('prometheus').TRUMPETS_READ_TOKEN!)).toContain('read');
    // The secret Grafana signs with is the one the collector's configuration checks signatures with.
    expect(env('grafana')[GRAFANA_ENV.webhookHmacSecret]).toBe(loadConfig(env('collector')).alerts.webhookSecret);
    const password = env('clickhouse').CLICKHOUSE_PASSWORD;
    expect([env('collector').CLICKHOUSE_PASSWORD, env('grafana')[GRAFANA_ENV.clickHousePassword]]).toEqual([password, password]);
    expect([env('collector').CLICKHOUSE_USER, env('grafana')[GRAFANA_ENV.clickHouseUser]]).toEqual([
      env('clickhouse').CLICKHOUSE_USER,
      env('clickhouse').CLICKHOUSE_USER,
    ]);
    // Every variable the provisioning files read is set on the Grafana service.
    const read = new Set(
      [
        ...Object.values(renderProvisioning())
          .join('\n')
          .matchAll(/\$([A-Z][A-Z_]+)/g),
      ].map((match) => match[1]!),
    );
    expect([...read].filter((name) => !(name in env('grafana')))).toEqual([]);
  });

  it('points every URL at a service and port that exist', () => {
    const collectorPort = env('collector').TRUMPETS_PORT;
    expect(services.collector!.ports).toEqual([expect.stringMatching(new RegExp(`:${collectorPort}:${collectorPort}$`))]);
    expect(hostPort(SERVICE_URLS.collector)).toBe(`collector:${collectorPort}`);
    expect(hostPort(env('demo-agent').OTEL_EXPORTER_OTLP_ENDPOINT!)).toBe(`collector:${collectorPort}`);
    expect(hostPort(env('collector').CLICKHOUSE_URL!)).toBe('clickhouse:8123');
    expect(services.clickhouse!.ports).toEqual([expect.stringMatching(/:8123:8123$/)]);
    expect(SERVICE_URLS.clickHouseHost in services).toBe(true);
    // The ClickHouse server image listens for the native protocol on 9000 and for HTTP on 8123.
    expect(SERVICE_URLS.clickHouseNativePort).toBe(9000);
    expect(hostPort(SERVICE_URLS.prometheus)).toBe('prometheus:9090');
    const scrape = parse(readFileSync(join(ROOT, 'grafana-plugin/provisioning/prometheus/prometheus.yml'), 'utf8'));
    expect(scrape.scrape_configs[0].static_configs[0].targets).toEqual([`collector:${collectorPort}`]);
    expect(scrape.scrape_configs[0].authorization.credentials_file).toBe('/tmp/read-token');
    expect(services.prometheus!.entrypoint!.join(' ')).toContain('> /tmp/read-token');
    for (const [name, service] of Object.entries(services))
      for (const dependency of Object.keys(service.depends_on ?? {}))
        expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
  });

  it('mounts paths that exist (the plugin build output once built) and the generated provisioning where Grafana reads it', () => {
    const binds = Object.values(services).flatMap((service) => (service.volumes ?? []).filter((volume) => volume.startsWith('.')));
    const sources = binds.map((volume) => volume.split(':')[0]!);
    const missing = sources.filter((source) => !existsSync(join(ROOT, source)));
    // grafana-plugin/dist is what the plugin's build writes (git-ignored): absent until built.
    expect(missing.filter((source) => source !== './grafana-plugin/dist')).toEqual([]);
    const grafana = services.grafana!.volumes!;
    expect(grafana).toContain(`./grafana-plugin/provisioning/grafana:${GRAFANA_PROVISIONING_DIR}:ro`);
    expect(grafana).toContain(`./grafana-plugin/dist:/var/lib/grafana/plugins/${PLUGIN_IDS.app}:ro`);
    for (const dir of ['datasources', 'plugins', 'dashboards', 'alerting'])
      expect(existsSync(join(ROOT, 'grafana-plugin/provisioning/grafana', dir))).toBe(true);
    const provider = parse(readFileSync(join(ROOT, 'grafana-plugin/provisioning/grafana/dashboards/trumpets.yaml'), 'utf8')).providers[0];
    expect(provider.options.path.startsWith(GRAFANA_PROVISIONING_DIR)).toBe(true);
    expect(
      existsSync(
        join(
          ROOT,
          'grafana-plugin/provisioning/grafana',
          provider.options.path.slice(GRAFANA_PROVISIONING_DIR.length),
          'agent-quality.json',
        ),
      ),
    ).toBe(true);
  });

  it('lets Grafana load our unsigned plugins and installs the ClickHouse data source', () => {
    const unsigned = env('grafana').GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS!.split(',');
    const ours = Object.values(PLUGIN_IDS).filter((id) => id !== PLUGIN_IDS.clickHouse);
    expect(ours.filter((id) => !unsigned.includes(id))).toEqual([]);
    expect(env('grafana').GF_INSTALL_PLUGINS!.split(',')).toContain(PLUGIN_IDS.clickHouse);
    const dataSources = parse(renderProvisioning()['datasources/trumpets.yaml']!).datasources as Array<{ uid: string }>;
    expect(dataSources.map((ds) => ds.uid).sort()).toEqual(Object.values(DATASOURCE_UIDS).sort());
  });

  // Only the Compose CLI plugin validates the file against the Compose specification itself.
  const hasCompose = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;
  it.runIf(hasCompose)('passes `docker compose config`', () => {
    expect(() => execFileSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '--quiet'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });
});
