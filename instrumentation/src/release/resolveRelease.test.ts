import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearReleaseCache, resolveRelease } from './resolveRelease.ts';

/** resolveRelease against a stand-in for the collector's rollout endpoint (the collector's own tests use the real one). */
let server: Server;
let baseUrl = '';
let rollout: unknown;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(rollout));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  clearReleaseCache();
  requests = 0;
  rollout = { stable: { releaseId: 'r1', configVersion: 'v1', config: { tone: 'brief' } }, candidate: null };
});

describe('resolveRelease', () => {
  it('fetches the rollout once, answers from the cache and picks up changes in the background', async () => {
    const options = { agent: 'a', key: 'user-1', collector: { baseUrl }, refreshMs: 0 };
    expect(await resolveRelease(options)).toMatchObject({
      releaseId: 'r1',
      config: { tone: 'brief' },
      variant: 'stable',
      source: 'collector',
    });
    rollout = {
      stable: (rollout as { stable: unknown }).stable,
      candidate: { releaseId: 'r2', configVersion: 'v2', config: { tone: 'warm' }, percent: 100 },
    };
    await resolveRelease(options);
    for (let i = 0; i < 50 && (await resolveRelease(options)).releaseId !== 'r2'; i++)
      await new Promise((resolve) => setImmediate(resolve));
    expect(await resolveRelease(options)).toMatchObject({ releaseId: 'r2', variant: 'candidate', config: { tone: 'warm' } });
    const cached = { ...options, refreshMs: 60_000 };
    const before = requests;
    await Promise.all(Array.from({ length: 20 }, () => resolveRelease(cached)));
    expect(requests).toBe(before);
  });

  it('serves the last known release when the collector stops answering, then the fallback in a fresh process', async () => {
    const options = { agent: 'b', key: 'user-2', collector: { baseUrl }, refreshMs: 0, fallback: { config: { tone: 'bundled' } } };
    await resolveRelease(options);
    rollout = 'not a rollout';
    for (let i = 0; i < 5; i++) {
      expect(await resolveRelease(options)).toMatchObject({ releaseId: 'r1', config: { tone: 'brief' } });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await resolveRelease(options)).source).toBe('cache');
    clearReleaseCache();
    const unreachable = await resolveRelease({ ...options, collector: { baseUrl: 'http://127.0.0.1:9' }, timeoutMs: 500 });
    expect(unreachable).toMatchObject({ releaseId: null, config: { tone: 'bundled' }, variant: 'fallback', source: 'fallback' });
  });
});
