import type { FailureModeSummary } from '@trumpets/protocol/api';
import { z } from 'zod';
import type { Json } from '../../shared/canonicalJson.ts';
import { getConfig, listConfigs } from '../../configs/configRepository.ts';
import type { Store } from '../../store/Store.ts';
import { createProposal } from '../createProposal.ts';
import { createProposalSchema } from '../proposalRequest.ts';
import { HttpError } from '../../http/HttpError.ts';

/** A team's own drafter: an HTTP endpoint (TRUMPETS_PROPOSAL_DRAFTER_URL) that suggests config changes, e.g. an LLM. */
export interface ExternalDrafter {
  url: string;
  /** The author its proposals are recorded under. */
  name: string;
  /** The config version and document the agent serves now: what a change is proposed against. */
  baselineOf: (agent: string) => Promise<{ version: string; config: Json } | undefined>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** What the drafter answers: proposals of one target each, in the fields anyone's proposal has. */
export const externalDraftsSchema = z
  .object({
    proposals: z.array(createProposalSchema.pick({ target: true, change: true, rationale: true }).required()).max(5),
  })
  .strict();

export type ExternalDraftOutcome =
  { kind: 'drafted'; proposalIds: string[] } | { kind: 'refused'; reason: string } | { kind: 'skipped'; reason: string };

/**
 * Sends the mode, its examples and the serving config to the drafter, and files what it suggests
 * through the same one-target rule and, later, the same gate as everyone's proposals. A drafter
 * that is down or answers nonsense costs this pass nothing else.
 */
export async function askExternalDrafter(
  store: Store,
  drafter: ExternalDrafter,
  request: { mode: FailureModeSummary; agent: string; examples: ReadonlyArray<{ episodeId: string; text: string }> },
): Promise<ExternalDraftOutcome> {
  const baseline = await drafter.baselineOf(request.agent);
  if (!baseline) return { kind: 'skipped', reason: `agent ${request.agent} has no config to propose against` };
  let answer: unknown;
  try {
    const response = await (drafter.fetch ?? fetch)(drafter.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failureMode: request.mode, agent: request.agent, examples: request.examples, baseline }),
      signal: AbortSignal.timeout(drafter.timeoutMs ?? 30_000),
    });
    if (!response.ok) return { kind: 'refused', reason: `the drafter answered ${response.status}` };
    answer = await response.json();
  } catch (error) {
    return { kind: 'refused', reason: `the drafter could not be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = externalDraftsSchema.safeParse(answer);
  if (!parsed.success) return { kind: 'refused', reason: `the drafter's answer is not { proposals: [...] }: ${parsed.error.message}` };
  const proposalIds: string[] = [];
  const refusals: string[] = [];
  for (const suggestion of parsed.data.proposals) {
    try {
      const proposal = await createProposal(
        store,
        {
          agent: request.agent,
          baselineVersion: baseline.version,
          target: suggestion.target,
          change: suggestion.change,
          rationale: suggestion.rationale,
          author: { kind: 'agent', name: drafter.name },
          failureClusterId: request.mode.id,
        },
        drafter.name,
      );
      proposalIds.push(proposal.id);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      refusals.push(error.message);
    }
  }
  if (proposalIds.length === 0 && refusals.length > 0) return { kind: 'refused', reason: refusals.join('; ') };
  return { kind: 'drafted', proposalIds };
}

/**
 * Without releases to say which config serves, the newest config version registered by hand (not
 * a proposal's candidate) is the one a change is proposed against.
 */
export async function newestBaselineConfig(store: Store, agent: string): Promise<{ version: string; config: Json } | undefined> {
  const baseline = (await listConfigs(store, agent, 100)).find((summary) => summary.proposalId === null);
  const stored = baseline && (await getConfig(store, agent, baseline.version));
  return stored ? { version: stored.version, config: stored.config } : undefined;
}
