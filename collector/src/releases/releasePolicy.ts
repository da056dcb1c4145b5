import { releasePolicySchema, type ReleasePolicy } from '@trumpets/protocol/api';

/** The policy of an agent that declared none: every field's default. */
export const DEFAULT_RELEASE_POLICY: ReleasePolicy = releasePolicySchema.parse({});
