import { readFileSync } from 'node:fs';

/** `sendBodies.ts URL FILE CONCURRENCY`: posts every frame of FILE as OTLP protobuf; prints timing and answers as JSON. */
const [url, file, concurrencyText] = process.argv.slice(2);
const data = readFileSync(file!);
const bodies: Array<Uint8Array<ArrayBuffer>> = [];
for (let offset = 0; offset < data.length;) {
  const length = data.readUInt32BE(offset);
  bodies.push(new Uint8Array(data.subarray(offset + 4, offset + 4 + length)));
  offset += 4 + length;
}
const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();
async function sender(): Promise<void> {
  while (next < bodies.length) {
    const body = bodies[next++]!;
    const response = await fetch(url!, { method: 'POST', body, headers: { 'content-type': 'application/x-protobuf' } });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: Number(concurrencyText) }, sender));
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, statuses, cpuMs: (cpu.user + cpu.system) / 1000 }));
