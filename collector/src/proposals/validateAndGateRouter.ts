import { Router } from 'express';
import { configsRouter } from '../configs/configsRouter.ts';
import { gatesRouter } from '../gates/api/gatesRouter.ts';
import type { Store } from '../store/Store.ts';
import { benchmarkSetsRouter } from './benchmarkSets/benchmarkSetsRouter.ts';
import { proposalsRouter } from './proposalsRouter.ts';
import { runsRouter } from './runs/runsRouter.ts';

/** Every route of "validate and gate": configs, proposals, benchmark sets, validation runs, gate policies and decisions. */
export function validateAndGateRouter(deps: { store: Store }): Router {
  return Router().use(configsRouter(deps), proposalsRouter(deps), benchmarkSetsRouter(deps), runsRouter(deps), gatesRouter(deps));
}
