import type { FailureView } from '@trumpets/protocol/api';

const FACETS = ['templateId', 'agent', 'agentVersion', 'workflow', 'tool'] as const;

/**
 * Up to `count` examples that differ as much as possible: each pick is the candidate adding the
 * most wordings, agents, versions, workflows and tools not yet shown; ties go to the newest
 * (candidates come newest first).
 */
export function pickDiverseExamples(candidates: readonly FailureView[], count: number): FailureView[] {
  const seen = FACETS.map(() => new Set<string>());
  const left = [...candidates];
  const picked: FailureView[] = [];
  while (picked.length < count && left.length > 0) {
    let best = 0;
    let bestNovelty = -1;
    left.forEach((candidate, index) => {
      const novelty = FACETS.reduce((sum, facet, i) => sum + (seen[i]!.has(candidate[facet]) ? 0 : 1), 0);
      if (novelty > bestNovelty) {
        best = index;
        bestNovelty = novelty;
      }
    });
    const [choice] = left.splice(best, 1);
    FACETS.forEach((facet, i) => seen[i]!.add(choice![facet]));
    picked.push(choice!);
  }
  return picked;
}
