import { gatePolicySchema, type GatePolicy } from '@trumpets/protocol/api';

/** The policy of an agent that declared none: every field's default. */
export const DEFAULT_GATE_POLICY: GatePolicy = gatePolicySchema.parse({});
