import { randomUUID } from 'node:crypto';
import type { Store } from '../store/Store.ts';
import type { RegisteredConfig } from '@trumpets/protocol/api';

type Api = <T = Record<string, any>>(path: string, method?: string, body?: unknown) => Promise<{ status: number; body: T }>;

/** An API caller over a harness's `request`, answering status and JSON body. */
export function jsonApi(request: (path: string, init?: RequestInit) => Promise<Response>): Api {
  return async <T>(path: string, method = 'GET', body?: unknown) => {
    const response = await request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}

/** Registers `config` for `agent` and returns its version. */
export async function registerConfig(api: Api, agent: string, config: Record<string, unknown>): Promise<string> {
  return (await api<RegisteredConfig>(`/api/agents/${agent}/configs`, 'POST', { config })).body.version;
}

/** A config proposal changing `path` from `before` to `after`; answers its id and candidate version. */
export async function proposeChange(
  api: Api,
  agent: string,
  baselineVersion: string,
  path: string,
  before: unknown,
  after: unknown,
): Promise<{ id: string; candidateVersion: string }> {
  const created = await api('/api/proposals', 'POST', {
    agent,
    baselineVersion,
    target: path,
    change: { before, after },
    rationale: `set ${path} to ${JSON.stringify(after)}`,
    author: { kind: 'person', name: 'ana' },
  });
  if (created.status !== 201) throw new Error(`proposal refused: ${JSON.stringify(created.body)}`);
  return { id: created.body.id, candidateVersion: created.body.target.candidateVersion };
}

/**
 * Stores a gate decision with `verdict` for a proposal, standing in for a validation run (which
 * the validate-and-gate tests cover) so release tests start from a decided proposal.
 */
export async function storeGateDecision(store: Store, proposalId: string, agent: string, verdict: string): Promise<string> {
  const id = randomUUID();
  await store.insert('gate_decisions', [
    {
      DecisionId: id,
      ProposalId: proposalId,
      Agent: agent,
      Policy: '{}',
      Verdict: verdict,
      Enforced: true,
      Reasons: [`quality ${verdict}`],
      Metrics: '[]',
      Cases: '[]',
      Health: '{"health":{},"flaky":[]}',
      DecidedBy: 'test',
      DecidedAt: `${Math.floor(Date.now() / 1000)}.000000`,
    },
  ]);
  return id;
}
