import type { RunErrorKind } from '@trumpets/protocol/api';

/** One run of one benchmark case in one variant: what the runner reported joined with its episode. */
export interface CaseRun {
  caseId: string;
  /** 0-based repeat of the case within its run. */
  repeat: number;
  /** Set when the run is unusable: the harness, the agent (it threw), the scorer failed, or its episode never arrived. */
  error?: { kind: RunErrorKind; message: string };
  /** 0–1: the scorer's grade, or 1 for an episode that ended `success` and 0 otherwise. */
  quality?: number;
  latencyMs?: number;
  /** What the episode's LLM calls cost: US dollars from the collector's price table, or tokens in and out when not every run was priced. */
  cost?: number;
  escalated: boolean;
  /** Kinds of the safety flags raised in the episode; empty when none. */
  safetyFlags: string[];
}

/** A case of the frozen benchmark set, as the comparison needs it. */
export interface BenchmarkCaseRef {
  caseId: string;
  tags: readonly string[];
}

/** The tag that marks a case as high-risk: missed escalations are checked on these. */
export const HIGH_RISK_TAG = 'high-risk';
