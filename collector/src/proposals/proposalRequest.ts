import { z } from 'zod';
import type { Json } from '../shared/canonicalJson.ts';
import type { JsonChange } from '../configs/jsonPointer.ts';
import { manualCaseSchema, type ManualCase } from '@trumpets/protocol/api';
import { HttpError } from '../http/HttpError.ts';
import { nameSchema, setIdSchema, versionSchema } from '@trumpets/protocol/api';

const changeSchema = z
  .object({ before: z.json().optional(), after: z.json().optional() })
  .strict()
  .refine((change) => change.before !== undefined || change.after !== undefined, 'a change needs a "before", an "after", or both');

/**
 * POST /api/proposals. `target` and `change` also accept arrays, only so that a proposal naming
 * several targets can be refused with the reason rather than a schema error.
 */
export const createProposalSchema = z
  .object({
    agent: nameSchema,
    /** The exact config version the change is made against (required for config changes). */
    baselineVersion: versionSchema.optional(),
    /** A JSON Pointer into the config: a prompt, tool setting, threshold, routing rule or guardrail. */
    target: z.union([z.string().max(500), z.array(z.string().max(500))]).optional(),
    change: z.union([changeSchema, z.array(changeSchema)]).optional(),
    /** Or: a new case for a benchmark set. */
    benchmarkCase: manualCaseSchema.extend({ setId: setIdSchema }).optional(),
    /** Or: a few new cases for one set (the regression cases drafted for one failure mode). */
    benchmarkCases: z
      .object({ setId: setIdSchema, cases: z.array(manualCaseSchema).min(1).max(20) })
      .strict()
      .optional(),
    rationale: z.string().trim().min(1, 'say why: the rationale must not be empty').max(10_000),
    author: z.object({ kind: z.enum(['person', 'agent']), name: nameSchema }).strict(),
    /** The failure cluster this proposal addresses, when it addresses one. */
    failureClusterId: z.string().min(1).max(200).optional(),
  })
  .strict();
export type CreateProposal = z.infer<typeof createProposalSchema>;

export type ProposalTarget =
  | { kind: 'config'; baselineVersion: string; path: string; change: JsonChange }
  | { kind: 'benchmark_case'; setId: string; cases: ManualCase[] };

/** Why one target per proposal, said to whoever sent several. */
export const SMALL_PROPOSALS =
  'Small proposals are what make a verdict mean something: when one change moves quality, latency, cost or safety, ' +
  'the comparison can say which change did it, a failure traces back to its cause, and a rollback undoes exactly one thing. ' +
  'Bundled changes let an improvement hide a regression. Split it into one proposal per target.';

/** The one target a proposal changes, or a 400 saying why it must be one. */
export function singleTarget(body: CreateProposal): ProposalTarget {
  const targets = body.target === undefined ? [] : Array.isArray(body.target) ? body.target : [body.target];
  const changes = body.change === undefined ? [] : Array.isArray(body.change) ? body.change : [body.change];
  const named = [
    ...targets,
    ...(body.benchmarkCase ? [`a new case for benchmark set ${body.benchmarkCase.setId}`] : []),
    ...(body.benchmarkCases ? [`new cases for benchmark set ${body.benchmarkCases.setId}`] : []),
  ];
  if (named.length > 1 || changes.length > 1) {
    const count = Math.max(named.length, changes.length);
    throw new HttpError(
      400,
      `refused: a proposal changes one target; this one names ${count} (${named.join(', ') || `${changes.length} changes`}). ${SMALL_PROPOSALS}`,
    );
  }
  const added = body.benchmarkCase ? { setId: body.benchmarkCase.setId, cases: [withoutSetId(body.benchmarkCase)] } : body.benchmarkCases;
  if (added) {
    if (changes.length > 0)
      throw new HttpError(
        400,
        `refused: a proposal changes one target; this one adds a benchmark case and also states a config change. ${SMALL_PROPOSALS}`,
      );
    return { kind: 'benchmark_case', setId: added.setId, cases: added.cases };
  }
  const [path] = targets;
  const [change] = changes;
  if (path === undefined || change === undefined)
    throw new HttpError(
      400,
      'a proposal names one target (a JSON Pointer into the config) with its change { before, after }, or one benchmarkCase',
    );
  if (body.baselineVersion === undefined)
    throw new HttpError(400, 'baselineVersion is required: the config version the change is made against');
  if (path === '' || path === '/') {
    throw new HttpError(
      400,
      `refused: the target is the whole config; name the one prompt, threshold, routing rule, tool setting or guardrail it changes. ${SMALL_PROPOSALS}`,
    );
  }
  return { kind: 'config', baselineVersion: body.baselineVersion, path, change: change as { before?: Json; after?: Json } };
}

function withoutSetId({ setId: _setId, ...benchmarkCase }: ManualCase & { setId: string }): ManualCase {
  return benchmarkCase;
}
