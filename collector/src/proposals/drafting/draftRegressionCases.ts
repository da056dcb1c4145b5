import type { FailureModeSummary } from '@trumpets/protocol/api';
import type { Json } from '../../shared/canonicalJson.ts';

/** An episode of a failure mode, as a benchmark case can be made of it. */
export interface ModeEpisode {
  episodeId: string;
  input: Json;
  workflow: string;
  /** The latest human correction's output, when the episode was corrected: the case's reference. */
  correctedOutput?: Json;
}

/** What the drafter proposes for one failure mode: new cases for the agent's regression set. */
export interface RegressionCasesDraft {
  agent: string;
  setId: string;
  failureClusterId: string;
  rationale: string;
  cases: Array<{ input: Json; reference?: Json; tags: string[]; workflow: string }>;
}

/** The benchmark set drafted regression cases go to: one per agent. */
export function regressionSetId(agent: string): string {
  return `${agent}-regressions`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 120);
}

/**
 * The seed's smallest proposal: "add a regression case". Up to `maxCases` of the mode's episodes
 * (the caller passes them already picked to differ), corrected ones first since a person's
 * correction is the only reference that says what the right answer was.
 */
export function draftRegressionCases(
  mode: Pick<FailureModeSummary, 'id' | 'label' | 'status' | 'failures' | 'recentFailures' | 'previousFailures'>,
  agent: string,
  episodes: readonly ModeEpisode[],
  maxCases = 3,
): RegressionCasesDraft | undefined {
  const ordered = [...episodes].sort((a, b) => Number(b.correctedOutput !== undefined) - Number(a.correctedOutput !== undefined));
  const seenInputs = new Set<string>();
  const picked = ordered.filter((episode) => {
    const key = JSON.stringify(episode.input);
    if (seenInputs.has(key)) return false;
    seenInputs.add(key);
    return true;
  });
  const cases = picked.slice(0, maxCases).map((episode) => ({
    input: episode.input,
    ...(episode.correctedOutput !== undefined ? { reference: episode.correctedOutput } : {}),
    tags: ['regression'],
    workflow: episode.workflow,
  }));
  if (cases.length === 0) return undefined;
  const corrected = cases.filter((benchmarkCase) => 'reference' in benchmarkCase).length;
  const trend =
    mode.status === 'growing'
      ? `growing (${mode.recentFailures} failures in the recent window against ${mode.previousFailures} before)`
      : `new (${mode.failures} failures since it was first seen)`;
  return {
    agent,
    setId: regressionSetId(agent),
    failureClusterId: mode.id,
    rationale:
      `Failure mode ${mode.id} is ${trend}: "${mode.label}". ` +
      `Adds ${cases.length} of its episodes, chosen to differ, as regression cases` +
      (corrected > 0 ? ` (${corrected} with a person's correction as the reference)` : '') +
      ', so every later proposal is checked against it.',
    cases,
  };
}
