import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/Store.ts';
import { isoFromMs, nowMicrosText } from '../../shared/clock.ts';
import type { BenchmarkResult, BenchmarkRun, Variant } from '@trumpets/protocol/api';

interface RunRow {
  RunId: string;
  ProposalId: string;
  Agent: string;
  Variant: string;
  ConfigVersion: string;
  SetId: string;
  SetVersion: number;
  Repeats: number;
  ExpectedRuns: number;
  CreatedBy: string;
  createdMs: string;
  reported: string;
  errors: string;
}

export async function insertRun(
  store: Store,
  run: Omit<BenchmarkRun, 'runId' | 'reported' | 'errors' | 'createdAt'>,
): Promise<BenchmarkRun> {
  const runId = randomUUID();
  await store.insert('benchmark_runs', [
    {
      RunId: runId,
      ProposalId: run.proposalId,
      Agent: run.agent,
      Variant: run.variant,
      ConfigVersion: run.configVersion,
      SetId: run.setId,
      SetVersion: run.setVersion,
      Repeats: run.repeats,
      ExpectedRuns: run.expectedRuns,
      CreatedBy: run.createdBy,
      CreatedAt: nowMicrosText(),
    },
  ]);
  return (await getRun(store, runId))!;
}

export async function getRun(store: Store, runId: string): Promise<BenchmarkRun | undefined> {
  const [row] = await store.named<RunRow>('benchmark_run_get', { runId });
  if (!row) return undefined;
  return {
    runId: row.RunId,
    proposalId: row.ProposalId,
    agent: row.Agent,
    variant: row.Variant as Variant,
    configVersion: row.ConfigVersion,
    setId: row.SetId,
    setVersion: Number(row.SetVersion),
    repeats: Number(row.Repeats),
    expectedRuns: Number(row.ExpectedRuns),
    reported: Number(row.reported),
    errors: Number(row.errors),
    createdBy: row.CreatedBy,
    createdAt: isoFromMs(row.createdMs),
  };
}

export async function insertResults(store: Store, runId: string, results: readonly BenchmarkResult[]): Promise<void> {
  const recordedAt = nowMicrosText();
  await store.insert(
    'benchmark_results',
    results.map((result) => ({
      RunId: runId,
      CaseId: result.caseId,
      Repeat: result.repeat,
      EpisodeId: result.episodeId ?? '',
      Score: result.score,
      ErrorKind: result.error?.kind ?? '',
      ErrorMessage: result.error?.message ?? '',
      RecordedAt: recordedAt,
    })),
  );
}
