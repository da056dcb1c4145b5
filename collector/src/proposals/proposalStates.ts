import type { ProposalState, Verdict } from '@trumpets/protocol/api';

/**
 * draft → validating → validated | rejected → promoted | withdrawn. A config change is promoted
 * only once validated; a new benchmark case has nothing to validate and goes from draft to promoted.
 */
const NEXT: Record<'config' | 'benchmark_case', Record<ProposalState, readonly ProposalState[]>> = {
  config: {
    draft: ['validating', 'withdrawn'],
    validating: ['validated', 'rejected', 'withdrawn'],
    validated: ['promoted', 'withdrawn'],
    rejected: ['withdrawn'],
    promoted: [],
    withdrawn: [],
  },
  benchmark_case: { draft: ['promoted', 'withdrawn'], validating: [], validated: [], rejected: [], promoted: [], withdrawn: [] },
};

export function canMove(kind: 'config' | 'benchmark_case', from: ProposalState, to: ProposalState): boolean {
  return NEXT[kind][from].includes(to);
}

export function nextStates(kind: 'config' | 'benchmark_case', from: ProposalState): readonly ProposalState[] {
  return NEXT[kind][from];
}

/** Where an enforced gate decision moves a proposal under validation; inconclusive and error leave it validating. */
export function stateAfterVerdict(verdict: Verdict): ProposalState | undefined {
  if (verdict === 'pass' || verdict === 'marginal') return 'validated';
  if (verdict === 'fail') return 'rejected';
  return undefined;
}
