import { randomUUID } from 'node:crypto';
import { canonicalJson, type Json } from '../shared/canonicalJson.ts';
import type { Store } from '../store/Store.ts';
import type { ProposalTarget } from './proposalRequest.ts';
import type { Proposal, ProposalEvent, ProposalState } from '@trumpets/protocol/api';
import { isoFromMs, nowMicrosText } from '../shared/clock.ts';

export interface NewProposal {
  agent: string;
  target: ProposalTarget;
  candidateVersion: string;
  rationale: string;
  author: { kind: 'person' | 'agent'; name: string };
  failureClusterId?: string;
}

export interface ProposalRow {
  ProposalId: string;
  Agent: string;
  TargetKind: string;
  BaselineVersion: string;
  CandidateVersion: string;
  TargetPath: string;
  Before?: string;
  After?: string;
  BenchmarkSetId: string;
  BenchmarkCase?: string;
  Rationale: string;
  Author: string;
  AuthorKind: string;
  FailureClusterId: string;
  createdMs: string;
  State: string;
  updatedMs: string;
}

/** Stores the proposal under its id and its first event (draft). */
export async function insertProposal(store: Store, id: string, proposal: NewProposal, actor: string): Promise<void> {
  const { target } = proposal;
  await store.insert('proposals', [
    {
      ProposalId: id,
      Agent: proposal.agent,
      TargetKind: target.kind,
      BaselineVersion: target.kind === 'config' ? target.baselineVersion : '',
      CandidateVersion: proposal.candidateVersion,
      TargetPath: target.kind === 'config' ? target.path : '',
      Before: target.kind === 'config' && target.change.before !== undefined ? canonicalJson(target.change.before) : '',
      After: target.kind === 'config' && target.change.after !== undefined ? canonicalJson(target.change.after) : '',
      BenchmarkSetId: target.kind === 'benchmark_case' ? target.setId : '',
      BenchmarkCase: target.kind === 'benchmark_case' ? canonicalJson(target.cases as Json[]) : '',
      Rationale: proposal.rationale,
      Author: proposal.author.name,
      AuthorKind: proposal.author.kind,
      FailureClusterId: proposal.failureClusterId ?? '',
      CreatedAt: nowMicrosText(),
    },
  ]);
  await appendEvent(store, id, { state: 'draft', reason: 'proposed', actor });
}

export async function appendEvent(
  store: Store,
  proposalId: string,
  event: { state: ProposalState; reason: string; actor: string; decisionId?: string },
): Promise<void> {
  await store.insert('proposal_events', [
    {
      ProposalId: proposalId,
      EventId: randomUUID(),
      State: event.state,
      Reason: event.reason,
      Actor: event.actor,
      DecisionId: event.decisionId ?? '',
      At: nowMicrosText(),
    },
  ]);
}

export async function getProposal(store: Store, proposalId: string): Promise<Proposal | undefined> {
  const [row] = await store.named<ProposalRow>('proposal_get', { proposalId });
  return row ? proposalFromRow(row) : undefined;
}

export async function proposalHistory(store: Store, proposalId: string): Promise<ProposalEvent[]> {
  const rows = await store.named<{ State: string; Reason: string; Actor: string; DecisionId: string; atMs: string }>('proposal_events', {
    proposalId,
  });
  return rows.map((row) => ({
    state: row.State as ProposalState,
    reason: row.Reason,
    actor: row.Actor,
    decisionId: row.DecisionId || null,
    at: isoFromMs(row.atMs),
  }));
}

export function proposalFromRow(row: ProposalRow): Proposal {
  const parse = (text: string | undefined): Json | null => (text ? (JSON.parse(text) as Json) : null);
  return {
    id: row.ProposalId,
    agent: row.Agent,
    state: (row.State || 'draft') as ProposalState,
    target:
      row.TargetKind === 'benchmark_case'
        ? { kind: 'benchmark_case', setId: row.BenchmarkSetId, cases: storedCases(parse(row.BenchmarkCase)!) }
        : {
            kind: 'config',
            path: row.TargetPath,
            baselineVersion: row.BaselineVersion,
            candidateVersion: row.CandidateVersion,
            before: parse(row.Before),
            after: parse(row.After),
            adds: !row.Before,
            removes: !row.After,
          },
    rationale: row.Rationale,
    author: { kind: row.AuthorKind as 'person' | 'agent', name: row.Author },
    failureClusterId: row.FailureClusterId || null,
    createdAt: isoFromMs(row.createdMs),
    updatedAt: isoFromMs(row.updatedMs),
  };
}

/** Proposals stored before several cases per proposal held one case object; they read as a list of one. */
function storedCases(stored: Json): Json[] {
  return Array.isArray(stored) ? stored : [stored];
}
