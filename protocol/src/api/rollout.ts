/** GET /api/agents/:agent/rollout: what resolveRelease assigns requests by. */
export interface RolloutView {
  agent: string;
  stable: { releaseId: string; configVersion: string; config: unknown } | null;
  candidate: { releaseId: string; configVersion: string; config: unknown; percent: number; stageIndex: number; status: string } | null;
}
