import { createHash } from 'node:crypto';
import type { FailureCategory } from './FailureRecord.ts';

/**
 * What a failure's cluster is decided by, apart from its text: the kind of failure, where it
 * happened and what it raised. The agent and its version are left out on purpose: one failure
 * mode across agents or versions is one cluster that lists them.
 */
export interface Scope {
  category: FailureCategory;
  workflow: string;
  tool: string;
  errorType: string;
}

/**
 * Where a failure happened: its category, workflow and tool. Failure modes are found within a
 * place; the error type is evidence inside it, not a wall, because one cause is thrown as a
 * specific type in one place and as a bare `Error` in another.
 */
export function placeKeyOf(scope: Omit<Scope, 'errorType'>): string {
  return `${scope.category}\u0000${scope.workflow}\u0000${scope.tool}`;
}

/** A canonical string for a scope; the seed of its cluster ids. */
export function scopeKeyOf(scope: Scope): string {
  return `${scope.category}\u0000${scope.workflow}\u0000${scope.tool}\u0000${scope.errorType}`;
}

/**
 * A cluster's id: a hash of its canonical signature (the scope, plus the founding template where
 * text tells modes apart), so the same failures give the same ids in any process, on any run.
 */
export function clusterIdOf(scopeKey: string, foundingTemplate?: readonly string[]): string {
  return `fm_${digest(foundingTemplate === undefined ? scopeKey : `${scopeKey}\u0000${foundingTemplate.join(' ')}`)}`;
}

export function templateIdOf(scopeKey: string, foundingTokens: readonly string[]): string {
  return `ft_${digest(`${scopeKey}\u0000${foundingTokens.join(' ')}`)}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
