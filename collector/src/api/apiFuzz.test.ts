import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';

/**
 * Property: the read and action API answers any body and any query string with 2xx or 4xx,
 * never 5xx, and keeps serving. Bodies are random JSON, JSON shaped like each route's input with
 * values of any type, and raw bytes that are not JSON at all.
 */
let harness: InProcessCollector;
beforeAll(async () => {
  harness = await startInProcessCollector();
});
afterAll(() => harness.close());

const WRITE_ROUTES = [
  '/api/agents/support/configs',
  '/api/agents/support/gate-policy',
  '/api/benchmark-sets',
  '/api/benchmark-sets/some-set/cases',
  '/api/proposals',
  '/api/proposals/p-1/events',
  '/api/proposals/p-1/validations',
  '/api/benchmark-runs',
  '/api/benchmark-runs/r-1/results',
];
const READ_ROUTES = [
  '/api/failure-modes',
  '/api/failure-modes/fm-1',
  '/api/proposals',
  '/api/proposals/p-1',
  '/api/proposals/p-1/comparison',
  '/api/benchmark-sets',
  '/api/benchmark-sets/some-set',
  '/api/agents/support/configs',
  '/api/agents/support/gate-policy',
  '/api/gate-decisions/d-1',
  '/api/benchmark-runs/r-1',
];
const FIELDS = [
  'agent',
  'baselineVersion',
  'target',
  'change',
  'rationale',
  'author',
  'config',
  'rules',
  'setId',
  'cases',
  'state',
  'reason',
  'variant',
  'repeats',
  'proposalId',
];

const shapedBody = fc.dictionary(fc.constantFrom(...FIELDS), fc.anything(), { maxKeys: 8 }).map((body) => JSON.stringify(body));
const anyBody = fc.oneof(
  fc.json(),
  shapedBody,
  fc.string().map((text) => `{${text}`),
);
const queryString = fc.dictionary(
  fc.constantFrom('agent', 'from', 'to', 'status', 'sort', 'limit', 'page', 'pageSize', 'state', 'version', 'decisionId'),
  fc.string(),
  { maxKeys: 5 },
);

async function expectHandled(path: string, init: RequestInit): Promise<void> {
  const response = await harness.request(path, init);
  await response.arrayBuffer();
  expect(response.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(500);
}

describe('API fuzzing', () => {
  it('answers random bodies on every write route with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITE_ROUTES), fc.constantFrom('POST', 'PUT'), anyBody, (path, method, body) =>
        expectHandled(path, { method, body, headers: { 'content-type': 'application/json' } }),
      ),
      { numRuns: 1500 },
    );
  });

  it('answers random query strings on every read route with 2xx or 4xx, and still serves afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...READ_ROUTES), queryString, (path, query) =>
        expectHandled(`${path}?${new URLSearchParams(query)}`, {}),
      ),
      { numRuns: 1000 },
    );
    expect((await harness.request('/api/proposals')).status).toBe(200);
  });
});
