import { z } from 'zod';
import { nameSchema, setIdSchema, tagSchema } from '@trumpets/protocol/api';

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

export const addCasesSchema = z.object({ cases: z.array(manualCaseSchema).min(1).max(5000) }).strict();
