import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from './config.ts';
import { findToken } from './http/apiTokens.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dockerfile = readFileSync(`${ROOT}collector/Dockerfile`, 'utf8');
/** The instructions of the image's last stage: what ships. */
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

/** No Docker engine runs here: these check what the image would be, from its Dockerfile and the compose file. */
describe('collector image', () => {
  it('ships the build output and production dependencies only, as a non-root user, health-checked on /readyz', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(finalStage).toMatch(/^COPY --from=build \/out \/app$/m);
    expect(finalStage).not.toMatch(/pnpm install|tsx|typescript/);
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
    expect(finalStage).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/cli\.js"\]$/m);
  });

  it('is what docker compose builds and runs for the collector and the demo agent', () => {
    const compose = readFileSync(`${ROOT}docker-compose.yml`, 'utf8');
    expect(compose).toMatch(
      /collector:\n(?: {4}#.*\n)? {4}image: trumpets-collector\n {4}build:\n {6}context: \.\n {6}dockerfile: collector\/Dockerfile\n/,
    );
    expect(compose).toMatch(/demo-agent:\n {4}image: trumpets-collector\n/);
    expect(existsSync(`${ROOT}collector/Dockerfile`)).toBe(true);
    // The build context leaves out what a checkout has built or installed locally.
    expect(readFileSync(`${ROOT}.dockerignore`, 'utf8').split('\n')).toEqual(expect.arrayContaining(['**/node_modules', '**/dist']));
  });

  it('scales out with --profile scale: ingest-only collectors behind a trace-id load balancer, each with a relay that holds an ingest token it accepts', () => {
    type Service = { profiles?: string[]; image?: string; environment?: Record<string, string>; volumes?: string[] };
    const withDefaults = (text: string) => text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
    const { services } = parse(withDefaults(readFileSync(`${ROOT}docker-compose.yml`, 'utf8')), { merge: true }) as {
      services: Record<string, Service>;
    };
    const scale = Object.entries(services).filter(([, service]) => service.profiles?.includes('scale'));
    expect(scale.map(([name]) => name).sort()).toEqual([
      'collector-ingest-1',
      'collector-ingest-2',
      'demo-agent-scale',
      'otel-lb',
      'relay-1',
      'relay-2',
    ]);
    const balancer = parse(readFileSync(`${ROOT}deploy/otel-collector/loadbalancing.yaml`, 'utf8')) as {
      exporters: { loadbalancing: { routing_key: string; resolver: { static: { hostnames: string[] } } } };
    };
    expect(balancer.exporters.loadbalancing.routing_key).toBe('traceID');
    const relays = balancer.exporters.loadbalancing.resolver.static.hostnames.map((hostname) => hostname.replace(/:4317$/, ''));
    expect(relays).toEqual(['relay-1', 'relay-2']);
    for (const relay of relays) {
      const { TRUMPETS_COLLECTOR_URL: target, TRUMPETS_INGEST_TOKEN: token } = services[relay]!.environment!;
      const collector = services[new URL(target!).hostname]!;
      const config = loadConfig(collector.environment);
      expect(config.roles).toEqual(['ingest']);
      expect(new URL(target!).port).toBe(String(config.port));
      expect([...(findToken(config.tokens, token!)?.scopes ?? [])]).toContain('ingest');
    }
    expect(services['demo-agent-scale']!.environment!.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-lb:4318');
  });
});
