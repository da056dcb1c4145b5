import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../store/embeddedStore.ts';
import { startCollectorProcess } from '../collectorProcess.ts';
import { failureEpisodeSpans } from '../failureCorpus/failureEpisodeSpans.ts';
import type { Corpus } from '../failureCorpus/syntheticFailures.ts';
import { otlpJson } from '../otlpRequests.ts';
import { scoreClustering, type ClusteringScores } from './clusteringScores.ts';

const TRACES_PER_REQUEST = 100;

export interface ThroughStartResult {
  scores: ClusteringScores;
  /** Failed episodes sent that no mode holds. */
  unplaced: number;
  /** How the process ended: 0 for a clean stop. */
  exitCode: number | null;
}

/**
 * A corpus of failed episodes (one failure each) through the real `trumpets start` process: sent
 * as ordinary OTLP/JSON, clustered by its own timed passes and the final pass of a clean stop
 * (SIGTERM), then read back from its data directory and scored against the corpus truth.
 */
export async function clusterThroughStart(corpus: Corpus, env: Record<string, string> = {}): Promise<ThroughStartResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trumpets-held-out-'));
  try {
    const collector = await startCollectorProcess(dataDir, env);
    try {
      await send(collector.url, corpus);
    } catch (error) {
      await collector.stop();
      throw error;
    }
    const exitCode = await collector.stop();
    const store = new EmbeddedStore(dataDir);
    try {
      const members = await store.named<{ FailureId: string; clusterId: string }>('failure_bench_memberships');
      const modeOf = new Map(members.map((row) => [row.FailureId, row.clusterId]));
      const predicted = corpus.records.map((record) => modeOf.get(record.episodeId) ?? `unplaced:${record.episodeId}`);
      return {
        scores: scoreClustering(corpus.truth, predicted),
        unplaced: corpus.records.filter((record) => !modeOf.has(record.episodeId)).length,
        exitCode,
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-spool`, { recursive: true, force: true });
  }
}

async function send(url: string, corpus: Corpus): Promise<void> {
  for (let start = 0; start < corpus.records.length; start += TRACES_PER_REQUEST) {
    const spans = corpus.records.slice(start, start + TRACES_PER_REQUEST).flatMap((record, i) => failureEpisodeSpans(record, start + i));
    const response = await fetch(`${url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(otlpJson(spans)),
    });
    if (response.status !== 200) throw new Error(`collector answered ${response.status}: ${await response.text()}`);
  }
}
