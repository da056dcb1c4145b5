import { z } from 'zod';
import { nameSchema, setIdSchema, tagSchema } from './fields.ts';

const count = z.number().int().min(1).max(5000);

/** How cases are drawn from stored episodes. Each rule takes the most recent matching episodes. */
export const drawRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('successes'), count, workflow: z.string().max(200).optional() }).strict(),
  z
    .object({
      kind: z.literal('failure_clusters'),
      clusterIds: z.array(z.string().min(1).max(200)).min(1).max(100),
      perCluster: count.default(20),
    })
    .strict(),
  z.object({ kind: z.literal('tagged'), tags: z.array(tagSchema).min(1).max(20), count }).strict(),
  z.object({ kind: z.literal('corrected'), count }).strict(),
]);
export type DrawRule = z.infer<typeof drawRuleSchema>;

/** A case given by hand. */
export const manualCaseSchema = z
  .object({
    input: z.json(),
    reference: z.json().optional(),
    tags: z.array(tagSchema).max(20).default([]),
    workflow: z.string().max(200).default(''),
  })
  .strict();
export type ManualCase = z.infer<typeof manualCaseSchema>;

/** POST /api/benchmark-sets: draw a set (or its next version) from stored episodes, with cases given by hand. */
export const createSetSchema = z
  .object({
    setId: setIdSchema,
    agent: nameSchema,
    description: z.string().max(2000).default(''),
    rules: z.array(drawRuleSchema).max(20).default([]),
    /** Only episodes that started at or after this moment are drawn. Default: all stored episodes. */
    since: z.iso.datetime({ offset: true }).optional(),
    cases: z.array(manualCaseSchema).max(5000).default([]),
  })
  .strict();

/** POST /api/benchmark-sets/:setId/cases: cases by hand, as the set's next version. */
export const addCasesSchema = z.object({ cases: z.array(manualCaseSchema).min(1).max(5000) }).strict();

/** One frozen version of a benchmark set, as the API answers it. */
export const setVersionSchema = z.object({
  setId: z.string(),
  version: z.number().int(),
  agent: z.string(),
  description: z.string(),
  /** The rules it was drawn by and what each found (JSON as stored). */
  rules: z.json(),
  parentVersion: z.number().int().nullable(),
  caseCount: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SetVersion = z.infer<typeof setVersionSchema>;

export const CASE_ORIGINS = ['successes', 'failure_cluster', 'tagged', 'corrected', 'manual', 'proposal'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

/** One case of a frozen benchmark set: what the agent is given, and what a good answer looks like when known. */
export const benchmarkCaseSchema = z.object({
  /** Content hash of input and reference: the same case keeps its id in every version of a set. */
  caseId: z.string(),
  input: z.json(),
  reference: z.json().nullable(),
  /** observed: a successful episode's own output; corrected: a person's correction; manual: given by hand. */
  referenceKind: z.enum(['observed', 'corrected', 'manual']).nullable(),
  tags: z.array(z.string()),
  workflow: z.string(),
  origin: z.enum(CASE_ORIGINS),
  sourceEpisodeId: z.string().nullable(),
  failureClusterId: z.string().nullable(),
});
export type BenchmarkCase = z.infer<typeof benchmarkCaseSchema>;

/** GET /api/benchmark-sets/:setId: one version with its cases and the numbers of every version. */
export const setDetailSchema = setVersionSchema.extend({ versions: z.array(z.number().int()), cases: z.array(benchmarkCaseSchema) });
export type SetDetail = z.infer<typeof setDetailSchema>;
