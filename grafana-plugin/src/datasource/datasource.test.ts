import type { FailureModeList } from '@trumpets/protocol/api';
import type { DataSourceInstanceSettings } from '@grafana/data';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';
import { of, throwError } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TrumpetsDataSource } from './datasource';
import type { TrumpetsOptions } from './types';

let answer: (request: BackendSrvRequest) => ReturnType<BackendSrv['fetch']>;
const requested: string[] = [];
setBackendSrv({
  fetch: (request: BackendSrvRequest) => {
    requested.push(request.url);
    return answer(request);
  },
} as unknown as BackendSrv);

const settings = (apiUrl?: string) =>
  ({
    id: 1,
    uid: 'tl',
    type: 'trumpets-learningloop-datasource',
    name: 'Trumpets',
    url: '/api/datasources/proxy/uid/tl',
    jsonData: { apiUrl },
    meta: {},
    readOnly: false,
    access: 'proxy',
  }) as unknown as DataSourceInstanceSettings<TrumpetsOptions>;
const fails = (failure: object) => () => throwError(() => failure);

beforeEach(() => {
  requested.length = 0;
});

describe('Save & test', () => {
  it('reads through the data source proxy route and says what it found', async () => {
    const list: FailureModeList = { from: 'a', to: 'b', windowHours: 24, newWithinHours: 24, total: 3, failureModes: [] };
    answer = () => of({ data: list, status: 200 } as unknown as FetchResponse);
    expect(await new TrumpetsDataSource(settings('http://collector:4318')).testDatasource()).toEqual({
      status: 'success',
      message: 'Connected to the Trumpets collector: 3 failure modes in the last 24 hours.',
    });
    expect(requested).toEqual(['/api/datasources/proxy/uid/tl/api/failure-modes?limit=1']);
  });

  it.each([
    [{ status: 0 }, /cannot be reached.*Check its URL/, 'http://nowhere:1'],
    [{ status: 502, data: { message: 'dial tcp: connection refused' } }, /could not reach the collector \(502\)/, 'http://nowhere:1'],
    [
      { status: 401, data: { message: 'missing bearer token' } },
      /refused the token \(401\): missing bearer token\. Set a valid read token/,
      'http://collector:4318',
    ],
    [{ status: 403, data: { message: "token 'grafana' lacks scope read" } }, /lacks the 'read' scope \(403\)/, 'http://collector:4318'],
    [{ status: 404, data: { message: 'no route' } }, /no route/, 'http://collector:4318/v1'],
  ])('explains a failure of status %#', async (failure, message, apiUrl) => {
    answer = fails(failure);
    const result = await new TrumpetsDataSource(settings(apiUrl)).testDatasource();
    expect(result.status).toBe('error');
    expect(result.message).toMatch(message);
  });

  it('asks for the URL before calling anything', async () => {
    const result = await new TrumpetsDataSource(settings(undefined)).testDatasource();
    expect(result).toEqual({ status: 'error', message: expect.stringMatching(/^Set the collector URL/) });
    expect(requested).toEqual([]);
  });

  it('says when the URL answers, but not like a collector', async () => {
    answer = () => of({ data: '<html>grafana</html>', status: 200 } as unknown as FetchResponse);
    const result = await new TrumpetsDataSource(settings('http://grafana:3000')).testDatasource();
    expect(result.message).toMatch(/Unexpected answer from the collector.*matching versions/);
  });
});
