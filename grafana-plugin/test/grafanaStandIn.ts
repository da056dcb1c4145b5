import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A stand-in for the Grafana server (none can run here), doing what the browser tests need of it:
 * serve the harness page, SystemJS and the built plugin under /public/plugins/<id>/, and proxy
 * /api/plugin-proxy/<app id>/… and /api/datasources/proxy/uid/<uid>/… to the collector by the
 * `routes` of the built plugin.json files: first matching route by path prefix and method, its
 * reqRole checked against the signed-in user's role, its header templates filled from the
 * plugin's jsonData and secureJsonData, which never reach the browser.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const ROLES = ['Viewer', 'Editor', 'Admin'] as const;
export type Role = (typeof ROLES)[number];

interface PluginRoute {
  path: string;
  method?: string;
  url: string;
  reqRole?: Role;
  headers?: Array<{ name: string; content: string }>;
}

export interface StandInOptions {
  collectorUrl: string;
  secureJsonData: Record<string, string>;
  harnessDir: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.html': 'text/html',
};

function fill(template: string, jsonData: Record<string, string>, secure: Record<string, string>): string {
  return template.replace(
    /\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g,
    (_, kind: string, key: string) => (kind === 'JsonData' ? jsonData : secure)[key] ?? '',
  );
}

function page(runtime: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Trumpets plugin harness (${runtime})</title></head>
<body class="theme-dark"><div id="root"></div>
<script>window.grafanaBootData = { settings: { buildInfo: { version: '${runtime}' } }, user: { orgRole: 'Editor' }, navTree: [] };</script>
<script src="/harness/${runtime}.js"></script>
<script src="/systemjs/system.js"></script>
<script src="/systemjs/extras/amd.js"></script>
</body></html>`;
}

export class GrafanaStandIn {
  /** The role of the user the browser is signed in as; tests change it to check reqRole. */
  role: Role = 'Editor';
  url = '';
  private server?: Server;
  private readonly systemjs = path.join(root, 'node_modules', 'systemjs', 'dist');

  constructor(private readonly options: StandInOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private routesOf(pluginJson: string): PluginRoute[] {
    return (JSON.parse(readFileSync(path.join(dist, pluginJson), 'utf8')) as { routes?: PluginRoute[] }).routes ?? [];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const send = (status: number, body: string | Buffer, type = 'application/json'): void => {
      res.writeHead(status, { 'content-type': type }).end(body);
    };
    const file = (base: string, rest: string) => {
      const full = path.join(base, path.normalize(rest));
      if (!full.startsWith(base)) return send(403, '{}');
      try {
        send(200, readFileSync(full), TYPES[path.extname(full)] ?? 'application/octet-stream');
      } catch {
        send(404, JSON.stringify({ message: `no ${rest}` }));
      }
    };
    let match: RegExpMatchArray | null;
    if (url.pathname === '/') return send(200, page(url.searchParams.get('runtime') ?? 'react18'), 'text/html');
    if ((match = url.pathname.match(/^\/harness\/(.+)$/))) return file(this.options.harnessDir, match[1]!);
    if ((match = url.pathname.match(/^\/systemjs\/(.+)$/))) return file(this.systemjs, match[1]!);
    if ((match = url.pathname.match(/^\/public\/plugins\/trumpets-learningloop-app\/(.+)$/))) return file(dist, match[1]!);
    if ((match = url.pathname.match(/^\/api\/plugin-proxy\/trumpets-learningloop-app\/(.+)$/)))
      return this.proxy(req, res, this.routesOf('plugin.json'), match[1]!, url.search);
    if ((match = url.pathname.match(/^\/api\/datasources\/proxy\/uid\/trumpets\/(.+)$/)))
      return this.proxy(req, res, this.routesOf('datasource/plugin.json'), match[1]!, url.search);
    send(404, JSON.stringify({ message: 'Not found' }));
  }

  private async proxy(req: IncomingMessage, res: ServerResponse, routes: PluginRoute[], rest: string, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    const route = routes.find(
      (candidate) =>
        (rest === candidate.path || rest.startsWith(`${candidate.path}/`)) && (!candidate.method || candidate.method === method),
    );
    const reply = (status: number, message: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
    };
    if (!route) return reply(404, 'Plugin route not found');
    if (route.reqRole && ROLES.indexOf(this.role) < ROLES.indexOf(route.reqRole)) return reply(403, 'Permission denied');
    const jsonData = { apiUrl: this.options.collectorUrl };
    const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'application/json' };
    for (const header of route.headers ?? [])
      headers[header.name.toLowerCase()] = fill(header.content, jsonData, this.options.secureJsonData);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const upstream = await fetch(`${fill(route.url, jsonData, this.options.secureJsonData)}${rest.slice(route.path.length)}${search}`, {
        method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res
        .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
        .end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      reply(502, 'Bad Gateway');
    }
  }
}
