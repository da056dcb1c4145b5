import { setup } from '@trumpets/instrumentation';
import { matchesReference, requestValidation, runBenchmark, type BenchmarkRunContext } from '@trumpets/instrumentation/benchmark';

// node --import tsx validate-a-proposal.mts <proposal id> <benchmark set id>
const [proposal, set] = process.argv.slice(2) as [string, string];
const baseUrl = process.env.TRUMPETS_API_URL ?? 'http://127.0.0.1:4318';
const token = process.env.TRUMPETS_API_TOKEN; // a token with the act scope, when the collector wants tokens

// The agent under test answers a case's input with the config the run hands it (baseline or candidate).
const supportAgent = (input: unknown, { config }: BenchmarkRunContext) =>
  `${(config as { greeting: string }).greeting}! Looking into "${String(input)}" now.`;

const tracing = setup({ endpoint: `${baseUrl}/v1/traces`, headers: token ? { authorization: `Bearer ${token}` } : {} });
const common = {
  baseUrl,
  token,
  set,
  proposal,
  repeats: 3,
  agent: supportAgent,
  scorer: matchesReference<string>(),
  flush: tracing.forceFlush,
};
const baseline = await runBenchmark({ ...common, variant: 'baseline' });
const candidate = await runBenchmark({ ...common, variant: 'candidate' });
const decision = await requestValidation({ baseUrl, token, proposal, baselineRunId: baseline.runId, candidateRunId: candidate.runId });
console.log(decision.verdict, decision.reasons);
await tracing.shutdown();
