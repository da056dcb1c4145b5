import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts with no variables set: loopback, embedded store, spool on, no tokens', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4318, clickhouse: undefined, spool: { enabled: true }, tokens: [] });
  });

  it('refuses to listen beyond loopback without tokens, naming the variables', () => {
    expect(() => loadConfig({ TRUMPETS_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUMPETS_HOST: '0.0.0.0' })).toThrow(/TRUMPETS_TOKENS/);
    expect(loadConfig({ TRUMPETS_HOST: '0.0.0.0', TRUMPETS_TOKENS: 'agents:abcdefghijklmnop1234:ingest' }).tokens).toHaveLength(1);
  });

  it('names the variable and the problem for bad values', () => {
    expect(() => loadConfig({ TRUMPETS_PORT: 'http' })).toThrow(/TRUMPETS_PORT/);
    expect(() => loadConfig({ TRUMPETS_TOKENS: 'agents:short:ingest' })).toThrow(/at least 16 characters/);
    expect(() => loadConfig({ TRUMPETS_TOKENS: 'agents:abcdefghijklmnop1234:admin' })).toThrow(/unknown scope\(s\) admin/);
  });

  it('reads retention days per table family over the defaults, and roles', () => {
    expect(loadConfig({}).retention).toEqual({ spans: 30, episodes: 90, dead_letters: 30 });
    expect(loadConfig({ TRUMPETS_RETENTION_DAYS: 'spans=7, episodes=0' }).retention).toEqual({ spans: 7, episodes: 0, dead_letters: 30 });
    expect(() => loadConfig({ TRUMPETS_RETENTION_DAYS: 'raw=7' })).toThrow(
      /TRUMPETS_RETENTION_DAYS: 'raw=7' is not family=days; families: spans, episodes, dead_letters/,
    );
    expect(loadConfig({ TRUMPETS_ROLES: 'api, worker' }).roles).toEqual(['api', 'worker']);
    expect(() => loadConfig({ TRUMPETS_ROLES: 'ingest,query' })).toThrow(/TRUMPETS_ROLES/);
  });
});
