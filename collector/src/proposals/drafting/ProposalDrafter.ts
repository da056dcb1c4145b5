import type { FailureModeSummary } from '@trumpets/protocol/api';
import type { Json } from '../../shared/canonicalJson.ts';
import { listFailureModes, readFailureMode } from '../../failures/api/readFailureModes.ts';
import type { Logger } from '../../log/logger.ts';
import type { Store } from '../../store/Store.ts';
import { episodeInput } from '../benchmarkSets/benchmarkCase.ts';
import { findSetVersion } from '../benchmarkSets/setVersions.ts';
import { freezeSetVersion } from '../benchmarkSets/setRepository.ts';
import { createProposal } from '../createProposal.ts';
import { draftRegressionCases, type ModeEpisode } from './draftRegressionCases.ts';
import { askExternalDrafter, type ExternalDrafter } from './externalDrafter.ts';

/** The author of every proposal the collector drafts itself. */
export const DRAFTER_AUTHOR = 'trumpets';

const HOUR_MS = 3_600_000;
/** Episodes of a mode read to choose its regression cases from. */
const CANDIDATE_EPISODES = 20;

const draftKey = (modeId: string, agent: string) => `${modeId}\u0000${agent}`;

export interface ProposalDrafterOptions {
  /** Status windows, as the failure-mode API's defaults: 24 h each. */
  windowMs?: number;
  newWithinMs?: number;
  /** Regression cases per drafted proposal. Default 3. */
  casesPerMode?: number;
  /** A team's own drafter (TRUMPETS_PROPOSAL_DRAFTER_URL), asked too for each new or growing mode. */
  external?: ExternalDrafter;
  now?: () => number;
}

export interface DraftingReport {
  /** Ids of the proposals this pass drafted. */
  drafted: string[];
  /** Modes an external drafter's answer was refused for, with the reason. */
  refused: Array<{ failureModeId: string; reason: string }>;
}

/**
 * Drafts proposals for failure modes that became new or growing, without any LLM: a proposal that
 * adds a few of the mode's episodes to the agent's regression set. A person accepts (promotes) or
 * withdraws it. Each mode is drafted for once; a withdrawn draft is not drafted again.
 */
export class ProposalDrafter {
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: ProposalDrafterOptions,
    private readonly log: Logger,
  ) {}

  /** Waits for the pass under way, at shutdown. */
  async stop(): Promise<void> {
    await this.running;
  }

  /** One pass: every new or growing mode not drafted for yet gets its proposals. Passes run one at a time. */
  draftNow(): Promise<DraftingReport> {
    const pass = this.running.then(() => this.pass());
    this.running = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<DraftingReport> {
    const toMs = (this.options.now ?? Date.now)();
    const windowMs = this.options.windowMs ?? 24 * HOUR_MS;
    const scope = { agent: '', fromMs: toMs - 2 * windowMs, toMs, windowMs, newWithinMs: this.options.newWithinMs ?? 24 * HOUR_MS };
    const modes = (await listFailureModes(this.store, scope)).filter((mode) => mode.status === 'new' || mode.status === 'growing');
    const report: DraftingReport = { drafted: [], refused: [] };
    if (modes.length === 0) return report;
    const done = await this.draftedModes(DRAFTER_AUTHOR, modes);
    for (const mode of modes) {
      const agents = mode.agents.filter((agent) => !done.has(draftKey(mode.id, agent)));
      if (agents.length === 0) continue;
      // The diverse examples first, then more members, so a mode of one wording still offers several episodes.
      const detail = await readFailureMode(this.store, mode.id, scope, { page: 1, pageSize: CANDIDATE_EPISODES });
      const failures = [...(detail?.examples ?? []), ...(detail?.members.items ?? [])];
      for (const agent of agents) {
        const own = failures.filter((failure) => failure.agent === agent);
        const episodes = await this.modeEpisodes([...new Set(own.map((failure) => failure.episodeId))]);
        const id = await this.draftRegressionCases(mode, agent, episodes);
        if (id) report.drafted.push(id);
        if (this.options.external) await this.askExternal(this.options.external, mode, agent, own.slice(0, 5), report);
      }
    }
    if (report.drafted.length > 0) this.log.info('drafted proposals for new or growing failure modes', { proposals: report.drafted });
    return report;
  }

  private async draftRegressionCases(mode: FailureModeSummary, agent: string, episodes: ModeEpisode[]): Promise<string | undefined> {
    const draft = draftRegressionCases(mode, agent, episodes, this.options.casesPerMode ?? 3);
    if (!draft) return undefined;
    await this.ensureRegressionSet(draft.setId, agent);
    const proposal = await createProposal(
      this.store,
      {
        agent,
        benchmarkCases: { setId: draft.setId, cases: draft.cases },
        rationale: draft.rationale,
        author: { kind: 'agent', name: DRAFTER_AUTHOR },
        failureClusterId: mode.id,
      },
      DRAFTER_AUTHOR,
    );
    return proposal.id;
  }

  private async askExternal(
    drafter: ExternalDrafter,
    mode: FailureModeSummary,
    agent: string,
    examples: ReadonlyArray<{ episodeId: string; text: string }>,
    report: DraftingReport,
  ): Promise<void> {
    if ((await this.draftedModes(drafter.name, [mode])).has(draftKey(mode.id, agent))) return;
    const outcome = await askExternalDrafter(this.store, drafter, { mode, agent, examples });
    if (outcome.kind === 'drafted') report.drafted.push(...outcome.proposalIds);
    else if (outcome.kind === 'refused') {
      report.refused.push({ failureModeId: mode.id, reason: outcome.reason });
      this.log.warn('external drafter proposal refused', { failureMode: mode.id, drafter: drafter.name, reason: outcome.reason });
    }
  }

  /** `draftKey`s of the (mode, agent) pairs `author` has proposed for. */
  private async draftedModes(author: string, modes: readonly FailureModeSummary[]): Promise<Set<string>> {
    const rows = await this.store.named<{ FailureClusterId: string; Agent: string }>('drafting_drafted_modes', {
      author,
      clusterIds: modes.map((mode) => mode.id),
    });
    return new Set(rows.map((row) => draftKey(row.FailureClusterId, row.Agent)));
  }

  private async modeEpisodes(episodeIds: string[]): Promise<ModeEpisode[]> {
    if (episodeIds.length === 0) return [];
    const rows = await this.store.named<{ EpisodeId: string; Input: string; Workflow: string; CorrectedOutput: string }>(
      'drafting_mode_episodes',
      { episodeIds },
    );
    return rows.map((row) => ({
      episodeId: row.EpisodeId,
      input: episodeInput(row.Input),
      workflow: row.Workflow,
      ...(row.CorrectedOutput ? { correctedOutput: episodeInput(row.CorrectedOutput) as Json } : {}),
    }));
  }

  /** The agent's regression set, created empty the first time a case is drafted for it. */
  private async ensureRegressionSet(setId: string, agent: string): Promise<void> {
    if (await findSetVersion(this.store, setId)) return;
    await freezeSetVersion(this.store, {
      setId,
      agent,
      description: `Regression cases of ${agent}: episodes of its failure modes, added by accepted proposals`,
      rules: { regressionCases: true },
      parentVersion: null,
      cases: [],
      createdBy: DRAFTER_AUTHOR,
    });
  }
}
