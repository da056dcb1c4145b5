import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where main-thread time went, by stage: a frame's file decides its stage; a frame of no stage
 * (a builtin such as Buffer's, or a helper) counts for the nearest caller that has one.
 */
const STAGES: Array<[string, RegExp]> = [
  ['idle', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  [
    'HTTP (express, body reading)',
    /node_modules\/(express|body-parser|raw-body|router|iconv-lite|on-finished)|node:_http|node:net|node:stream|node:internal\/streams|node:internal\/http/,
  ],
  [
    'OTLP decode',
    /collector\/src\/otlp\/(parse|otlpRequestToSpans|attributeValues|otlpFields|spanIds|unixNanos|decode|enumNames)|protobufjs|node_modules\/long\//,
  ],
  ['limits, time bounds, redaction', /collector\/src\/(otlp\/(applySpanLimits|spanTimeBounds)|redaction|shared\/wellFormedText)/],
  ['span rows (RowBinary)', /collector\/src\/spans\/spanRows|spanBatchPayload/],
  ['spool (append, fsync, read)', /collector\/src\/spool|node:internal\/fs|node:fs/],
  ['episode assembly', /collector\/src\/episodes/],
  // The RowBinary writer counts toward whoever writes the rows.
  ['store (chdb calls, row encoding)', /collector\/src\/store\/(?!rowBinary)|node_modules\/chdb/],
];

function stagesById(profile: Profile): Map<number, string> {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const stages = new Map<number, string>();
  const stageOf = (id: number): string => {
    const known = stages.get(id);
    if (known !== undefined) return known;
    const { url, functionName } = byId.get(id)!.callFrame;
    // V8's pseudo-frames ((idle), (garbage collector), (program)) have no URL, only a name.
    const where = url || functionName;
    const own = STAGES.find(([, pattern]) => pattern.test(where))?.[0];
    const parent = parentOf.get(id);
    const stage = own ?? (parent === undefined ? 'other' : stageOf(parent));
    stages.set(id, stage);
    return stage;
  };
  for (const node of profile.nodes) stageOf(node.id);
  return stages;
}

/** Profiles this process's main thread while `work` runs; returns microseconds by stage. */
export async function profileMainThread<T>(
  work: () => Promise<T>,
  saveTo?: string,
): Promise<{ result: T; byStageUs: Map<string, number> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  // A failing run ends the benchmark, so the profiler needs no stopping on that path.
  const result = await work();
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  if (saveTo) writeFileSync(saveTo, JSON.stringify(profile));
  return { result, byStageUs: summariseProfile(profile) };
}

export function summariseProfile(profile: Profile): Map<string, number> {
  const stageById = stagesById(profile);
  const byStage = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const stage = stageById.get(id) ?? 'other';
    byStage.set(stage, (byStage.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return byStage;
}
