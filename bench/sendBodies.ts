import { once } from 'node:events';
import { readFileSync } from 'node:fs';

/**
 * `sendBodies.ts URL FILE CONCURRENCY`: reads FILE, prints `ready`, waits for a line on stdin, then
 * posts every frame of FILE as OTLP protobuf and prints timing and answers as JSON.
 */
const [url, file, concurrencyText] = process.argv.slice(2);
const data = readFileSync(file!);
const bodies: Array<Uint8Array<ArrayBuffer>> = [];
for (let offset = 0; offset < data.length;) {
  const length = data.readUInt32BE(offset);
  bodies.push(new Uint8Array(data.subarray(offset + 4, offset + 4 + length)));
  offset += 4 + length;
}
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const cpuBefore = process.cpuUsage();
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
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, statuses, cpuMs: (cpu.user + cpu.system) / 1000 }));
