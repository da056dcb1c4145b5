import { z } from 'zod';
import { versionSchema } from './fields.ts';

/** POST /api/agents/:agent/configs: a config version to register. */
export const registerConfigRequestSchema = z
  .object({
    /** The whole config document of this agent version: prompts, thresholds, routing rules, tool settings, guardrails. */
    config: z.record(z.string(), z.json(), { error: 'config must be a JSON object' }),
    note: z.string().max(2000).optional(),
    parentVersion: versionSchema.optional(),
  })
  .strict();
export type RegisterConfigRequest = z.infer<typeof registerConfigRequestSchema>;

/** A config version without its document, as listed. */
export const configSummarySchema = z.object({
  agent: z.string(),
  version: z.string(),
  parentVersion: z.string().nullable(),
  proposalId: z.string().nullable(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ConfigSummary = z.infer<typeof configSummarySchema>;

/** A config version with its document. */
export const storedConfigSchema = configSummarySchema.extend({ config: z.json() });
export type StoredConfig = z.infer<typeof storedConfigSchema>;

/** The answer to a registration: `created` is false when the same document was registered before. */
export const registeredConfigSchema = storedConfigSchema.extend({ created: z.boolean() });
export type RegisteredConfig = z.infer<typeof registeredConfigSchema>;
