// `@trumpets/instrumentation/testing`: a sample agent for demos, the real LLM SDKs against a fake
// server, and one agent episode made three ways for the tracer benchmark.
// (useMemoryTracing stays out: it needs the vitest runner.)
export { runSampleAgent } from '../demo/sampleAgent.ts';
export type { SampleAgentOptions, SampleAgentResult } from '../demo/sampleAgent.ts';
export { startFakeLlmServer, FAKE_LLM } from './fakeLlmServer.ts';
export type { FakeLlmServer } from './fakeLlmServer.ts';
export { fakeLlmClients } from './fakeLlmClients.ts';
export type { FakeLlmClients } from './fakeLlmClients.ts';
export { bareSdkWorkload, trumpetsWorkload, untracedWorkload } from './tracerWorkloads.ts';
export type { TracerWorkload } from './tracerWorkloads.ts';
