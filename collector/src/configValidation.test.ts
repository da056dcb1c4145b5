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
});
