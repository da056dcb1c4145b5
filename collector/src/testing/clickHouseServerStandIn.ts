import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Session } from 'chdb';

/**
 * STAND-IN for a ClickHouse server, for tests only: no ClickHouse server can run on these
 * machines, so this serves the server's HTTP interface from the embedded engine (chdb), and the
 * server backend is driven through the real `@clickhouse/client` against it. It runs in its own
 * process (`startClickHouseServerStandIn` in clickHouseServerStandInProcess.ts), as a server does: the engine binds one data
 * directory per process, and a test can kill it to see the client's network errors.
 *
 * What it does as a server does: `/ping`; HTTP basic auth (and the X-ClickHouse-User/Key
 * headers); `param_*` values bound by the engine from the URL or a multipart body; every other
 * URL parameter applied as a setting for that one request (an unknown setting is the engine's
 * UNKNOWN_SETTING error); gzip request bodies; gzip responses when `enable_http_compression=1`
 * and the client accepts them; errors as the server writes them (`Code: N. DB::Exception: …
 * (NAME)`, the X-ClickHouse-Exception-Code header, 4xx/5xx status). What it does not: sessions,
 * native (LZ4) compression, binary formats other than a RowBinary or Native insert's body and a
 * query's `FORMAT Native` answer, concurrency (requests run one at a time).
 */
export interface StandInRequest {
  settings: Record<string, string>;
  gzipRequest: boolean;
  gzipResponse: boolean;
}

export interface StandInOptions {
  dataDir: string;
  port?: number;
  username?: string;
  password?: string;
}

/** URL parameters the HTTP handler reads itself; everything else is a setting. */
const HANDLER_PARAMETERS = new Set([
  'query',
  'query_id',
  'database',
  'default_format',
  'session_id',
  'session_timeout',
  'session_check',
  'role',
  'user',
  'password',
  'quota_key',
  'wait_end_of_query',
  'buffer_size',
  'compress',
  'decompress',
]);

/** An insert whose body is binary: `INSERT INTO t (…) FORMAT RowBinary` or `… FORMAT Native`. */
const BINARY_INSERT = /\s+FORMAT\s+(RowBinary|Native)\s*$/i;

const ENGINE_VERSION_SUFFIX = ' (version stand-in over the embedded engine)';

/** Serves the HTTP interface in this process; `onRequest` hears of every query it answers. */
export async function serveClickHouseHttp(
  options: StandInOptions,
  onRequest: (request: StandInRequest) => void,
): Promise<{ port: number }> {
  const username = options.username ?? 'default';
  const password = options.password ?? '';
  // No connection arguments: the engine's own defaults stand, so only settings the client sends count.
  const session = new Session(options.dataDir, { installSignalHandlers: false });
  const payloadDir = join(options.dataDir, 'stand_in_payloads');
  mkdirSync(payloadDir, { recursive: true });
  let payloads = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method === 'GET' && (url.pathname === '/ping' || url.pathname === '/')) {
      response.end('Ok.\n');
      return;
    }
    if (!authorised(request, url, username, password)) {
      reply(
        response,
        401,
        516,
        `Code: 516. DB::Exception: ${username}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)`,
      );
      return;
    }
    let body = await readBody(request);
    const gzipRequest = request.headers['content-encoding'] === 'gzip';
    if (gzipRequest) body = gunzipSync(body);
    const values = new Map<string, string>(url.searchParams);
    let text = body.toString('utf8');
    if (String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(body), {
        headers: { 'content-type': String(request.headers['content-type']) },
      }).formData();
      text = '';
      for (const [name, value] of form) {
        if (name === 'query') text = String(value);
        else values.set(name, String(value));
      }
    }
    const query = values.get('query');
    // The engine's own insert takes only text; a binary body goes through a file, read back as the server would read the body.
    const format = query === undefined ? undefined : BINARY_INSERT.exec(query)?.[1];
    const binary = format ? join(payloadDir, `${++payloads}.${format.toLowerCase()}`) : undefined;
    if (binary) writeFileSync(binary, body);
    const sql = binary
      ? query!.replace(BINARY_INSERT, ` SELECT * FROM file('${binary}', ${format})`)
      : query !== undefined
        ? `${query}\n${text}`
        : text;
    const settings: Record<string, string> = {};
    const params: Record<string, string> = {};
    for (const [name, value] of values) {
      if (name.startsWith('param_')) params[name] = value;
      else if (!HANDLER_PARAMETERS.has(name)) settings[name] = value;
    }
    const gzipResponse = settings.enable_http_compression === '1' && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    onRequest({ settings, gzipRequest, gzipResponse });
    try {
      const result = await serialised(() =>
        runWithSettings(session, sql, settings, params, values.get('default_format') ?? 'TabSeparated'),
      ).finally(() => binary && rmSync(binary, { force: true }));
      const summary = {
        read_rows: String(result.rowsRead),
        read_bytes: String(result.bytesRead),
        written_rows: '0',
        written_bytes: '0',
        elapsed_ns: String(Math.round(result.elapsed * 1e9)),
      };
      const headers: Record<string, string> = {
        'Content-Type': 'text/plain; charset=UTF-8',
        'X-ClickHouse-Query-Id': values.get('query_id') ?? '',
        'X-ClickHouse-Summary': JSON.stringify(summary),
      };
      let payload = Buffer.from(result.bytes());
      if (gzipResponse) {
        payload = gzipSync(payload);
        headers['Content-Encoding'] = 'gzip';
      }
      response.writeHead(200, headers);
      response.end(payload);
    } catch (error) {
      const code = (error as { clickhouseCode?: number }).clickhouseCode ?? 1000;
      const message = error instanceof Error ? error.message : String(error);
      reply(response, httpStatusOf(code), code, message);
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      reply(response, 500, 1000, `Code: 1000. DB::Exception: ${String(error)}. (STD_EXCEPTION)`),
    );
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port };
}

/** Settings (and parameters) hold for this request only, as a server's URL settings do. */
async function runWithSettings(
  session: Session,
  sql: string,
  settings: Record<string, string>,
  params: Record<string, string>,
  format: string,
) {
  const applied: string[] = [];
  try {
    for (const [name, value] of Object.entries(settings)) {
      await session.queryAsync(setStatement(name, value));
      applied.push(name);
    }
    for (const [name, value] of Object.entries(params)) await session.queryAsync(setStatement(name, value));
    return await session.queryAsync(sql, { format });
  } finally {
    for (const name of applied) await session.queryAsync(setStatement(name, undefined));
  }
}

/**
 * `SET name = 'value'` (or `= DEFAULT`): how a server's URL settings and `param_*` values reach the
 * engine of this stand-in. The engine has no placeholder for a setting's value, so the value is
 * written as an SQL string literal whose content reaches the engine byte for byte; names must be
 * plain identifiers.
 */
function setStatement(name: string, value: string | undefined): string {
  return `SET ${identifier(name)} = ${value === undefined ? 'DEFAULT' : quoted(value)}`;
}

function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw Object.assign(new Error(`Code: 115. DB::Exception: Unknown setting '${name}'. (UNKNOWN_SETTING)`), { clickhouseCode: 115 });
  return name;
}

/** The value as an SQL string literal: its content reaches the engine byte for byte. */
function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function authorised(request: IncomingMessage, url: URL, username: string, password: string): boolean {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${username}:${password}`;
  const user = request.headers['x-clickhouse-user'] ?? url.searchParams.get('user');
  const key = request.headers['x-clickhouse-key'] ?? url.searchParams.get('password') ?? '';
  return user === username && key === password;
}

/** The status a server sends with these codes (src/Server/HTTPHandler.cpp); the rest are 500. */
function httpStatusOf(code: number): number {
  if ([516, 192].includes(code)) return 401;
  if ([60, 81].includes(code)) return 404;
  if ([62, 27, 26, 36, 43, 47, 53, 115, 117].includes(code)) return 400;
  if ([159, 209].includes(code)) return 504;
  if (code === 202) return 503;
  return 500;
}

function reply(response: ServerResponse, status: number, code: number, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': String(code) });
  response.end(`${message}${ENGINE_VERSION_SUFFIX}\n`);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
