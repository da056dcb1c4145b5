import { describe, expect, it } from 'vitest';
import { bucketMs, episodeMetricsParams, interpolateQuery, parseVariableQuery } from './buildRequest';
import type { TrumpetsQuery } from './types';

const variables: Record<string, string> = { $agent: 'support', $release: '$__all', $version: 'v2' };
const replace = (text: string) => variables[text] ?? text;

describe('query building', () => {
  it('replaces template variables and reads "All" as no filter', () => {
    const query: TrumpetsQuery = { refId: 'A', queryType: 'episodeMetrics', agent: '$agent', release: '$release', version: '$version' };
    expect(interpolateQuery(query, replace)).toEqual({ ...query, agent: 'support', release: '', version: 'v2' });
  });

  it("sends the range in ms, Grafana's interval as the bucket, and only the filters that are set", () => {
    const query: TrumpetsQuery = {
      refId: 'A',
      queryType: 'episodeMetrics',
      metric: 'latency_p95',
      groupBy: 'version',
      agent: 'support',
      release: '',
    };
    expect(episodeMetricsParams(query, { from: 1_000, to: 9_000 }, 59_700)).toEqual({
      from: 1_000,
      to: 9_000,
      intervalMs: 60_000,
      groupBy: 'version',
      agent: 'support',
      version: undefined,
      release: undefined,
      workflow: undefined,
    });
    expect(bucketMs(20)).toBe(1000);
  });

  it('parses variable queries and refuses unknown ones', () => {
    expect(parseVariableQuery('agents')).toEqual({ kind: 'agents' });
    expect(parseVariableQuery(' versions  support ')).toEqual({ kind: 'versions', agent: 'support' });
    expect(parseVariableQuery('releases $__all')).toEqual({ kind: 'releases', agent: '' });
    expect(parseVariableQuery('select 1')).toBeUndefined();
  });
});
