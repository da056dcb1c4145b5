// Entry of the ClickHouse server stand-in process (see clickHouseServerStandIn.ts): one JSON line
// on stdout once it listens, then one per request it answered.
import { serveClickHouseHttp } from './clickHouseServerStandIn.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as { dataDir: string; port?: number; username?: string; password?: string };
const { port } = await serveClickHouseHttp(options, (request) => process.stdout.write(`${JSON.stringify({ request })}\n`));
process.stdout.write(`${JSON.stringify({ listening: port })}\n`);
