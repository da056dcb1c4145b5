import type { RolloutView as Rollout } from '@trumpets/protocol/api';
import { reportFailure } from '../internal/guard.ts';
import { assignBucket, servesCandidate } from './assignBucket.ts';

export interface ResolveReleaseOptions<C> {
  /** The agent's name, as releases are made for it. */
  agent: string;
  /** What keeps one user on one version: a user, account or conversation id. Not recorded on spans (only its bucket is). */
  key: string;
  /** Where the collector is. Default: env `TRUMPETS_API_URL`, else `http://127.0.0.1:4318`, with a token from env `TRUMPETS_API_TOKEN` (read scope). */
  collector?: { baseUrl: string; token?: string };
  /** What to run when the collector has never answered in this process. Default: nothing (`config` is undefined). */
  fallback?: { config: C; configVersion?: string };
  /** A cached rollout older than this is refreshed in the background (the answer is not delayed). Default 30000 ms. */
  refreshMs?: number;
  /** How long the first fetch may take before the fallback is used. Default 2000 ms. */
  timeoutMs?: number;
}

export interface ResolvedRelease<C = unknown> {
  agent: string;
  /** The key's rollout bucket, 0–9999. */
  bucket: number;
  releaseId: string | null;
  configVersion: string | null;
  config: C | undefined;
  /** candidate (the release rolling out), stable, or fallback (the collector never answered). */
  variant: 'candidate' | 'stable' | 'fallback';
  /** collector: from a rollout fetched recently; cache: the last known one (the collector did not answer since); fallback. */
  source: 'collector' | 'cache' | 'fallback';
}

interface CacheEntry {
  rollout: Rollout;
  fetchedAt: number;
  refreshing?: Promise<void>;
  stale: boolean;
}

const cache = new Map<string, CacheEntry>();

/**
 * Which release (and config) this request runs. The agent's rollout is fetched once, cached and
 * refreshed in the background; the request key picks a bucket by hash, so a user stays on one
 * version across stages. When the collector cannot be reached the last known rollout serves, then
 * `fallback`. Never throws: pass the answer to `withEpisode({ release })`, which records the
 * release, bucket and variant on the episode.
 */
export async function resolveRelease<C = unknown>(options: ResolveReleaseOptions<C>): Promise<ResolvedRelease<C>> {
  let bucket = 0;
  try {
    bucket = assignBucket(options.agent, options.key);
    const connection = options.collector ?? defaultConnection();
    const cacheKey = `${connection.baseUrl}\u0000${options.agent}`;
    let entry = cache.get(cacheKey);
    if (!entry) {
      entry = await fetchRollout(connection, options.agent, options.timeoutMs ?? 2000)
        .then((rollout) => ({ rollout, fetchedAt: Date.now(), stale: false }))
        .catch((error: unknown) => {
          reportFailure('fetching the rollout from the collector', error);
          return undefined;
        });
      if (entry) cache.set(cacheKey, entry);
    } else if (!entry.refreshing && Date.now() - entry.fetchedAt >= (options.refreshMs ?? 30_000)) {
      refresh(entry, connection, options.agent, options.timeoutMs ?? 2000);
    }
    if (entry) return assign(options.agent, bucket, entry);
  } catch (error) {
    reportFailure('resolving the release', error);
  }
  return {
    agent: options.agent,
    bucket,
    releaseId: null,
    configVersion: options.fallback?.configVersion ?? null,
    config: options.fallback?.config,
    variant: 'fallback',
    source: 'fallback',
  };
}

function assign<C>(agent: string, bucket: number, entry: CacheEntry): ResolvedRelease<C> {
  const { stable, candidate } = entry.rollout;
  const source = entry.stale ? 'cache' : 'collector';
  if (candidate && servesCandidate(bucket, candidate.percent))
    return {
      agent,
      bucket,
      releaseId: candidate.releaseId,
      configVersion: candidate.configVersion,
      config: candidate.config as C,
      variant: 'candidate',
      source,
    };
  if (stable)
    return {
      agent,
      bucket,
      releaseId: stable.releaseId,
      configVersion: stable.configVersion,
      config: stable.config as C,
      variant: 'stable',
      source,
    };
  return { agent, bucket, releaseId: null, configVersion: null, config: undefined, variant: 'fallback', source };
}

function refresh(entry: CacheEntry, connection: { baseUrl: string; token?: string }, agent: string, timeoutMs: number): void {
  entry.refreshing = fetchRollout(connection, agent, timeoutMs)
    .then((rollout) => {
      entry.rollout = rollout;
      entry.fetchedAt = Date.now();
      entry.stale = false;
    })
    .catch((error: unknown) => {
      entry.stale = true;
      reportFailure('refreshing the rollout from the collector', error);
    })
    .finally(() => {
      entry.refreshing = undefined;
    });
}

async function fetchRollout(connection: { baseUrl: string; token?: string }, agent: string, timeoutMs: number): Promise<Rollout> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  const url = `${connection.baseUrl.replace(/\/+$/, '')}/api/agents/${encodeURIComponent(agent)}/rollout`;
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = (await response.json()) as Rollout;
  if (typeof body !== 'object' || body === null || !('stable' in body) || !('candidate' in body))
    throw new Error(`GET ${url} answered no rollout`);
  return body;
}

function defaultConnection(): { baseUrl: string; token?: string } {
  return { baseUrl: process.env['TRUMPETS_API_URL'] || 'http://127.0.0.1:4318', token: process.env['TRUMPETS_API_TOKEN'] || undefined };
}

/** Forgets every cached rollout (tests, or a process that switches collectors). */
export function clearReleaseCache(): void {
  cache.clear();
}
