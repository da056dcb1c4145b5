#!/usr/bin/env node
// The collector ships as TypeScript; tsx compiles it on load so no build step stands between a clone and a running collector.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
