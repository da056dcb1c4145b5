import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The checks of Grafana's plugin validator that can run offline, over a built `dist/`: metadata
 * and ids, `includes` against the nested plugins, module paths, logos and screenshots, a
 * `grafanaDependency` range, and the README, CHANGELOG and LICENSE an archive must carry.
 * (The validator itself is a Go binary fetched from GitHub at run time.)
 */

const TYPES = ['app', 'datasource', 'panel'] as const;

const pluginSchema = z.object({
  type: z.enum(TYPES),
  name: z.string().min(1),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, 'ids are lowercase words joined by dashes: <org>-<name>-<type>'),
  info: z.object({
    description: z.string().min(1),
    author: z.object({ name: z.string().min(1) }),
    keywords: z.array(z.string()).min(1),
    logos: z.object({ small: z.string().min(1), large: z.string().min(1) }),
    screenshots: z.array(z.object({ name: z.string(), path: z.string() })).default([]),
    version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a semantic version (was the build run?)'),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  }),
  dependencies: z.object({ grafanaDependency: z.string().min(1) }),
  includes: z.array(z.object({ type: z.string(), name: z.string(), path: z.string().optional(), role: z.string().optional() })).default([]),
  routes: z
    .array(
      z.object({
        path: z.string(),
        method: z.string().optional(),
        url: z.string().optional(),
        reqRole: z.string().optional(),
        reqAction: z.string().optional(),
      }),
    )
    .default([]),
  roles: z.array(z.object({ role: z.object({ permissions: z.array(z.object({ action: z.string() })) }) })).default([]),
  extensions: z
    .object({
      addedLinks: z.array(z.object({ title: z.string().min(1), targets: z.array(z.string()).min(1) })).default([]),
      exposedComponents: z.array(z.object({ id: z.string(), title: z.string().min(1) })).default([]),
    })
    .optional(),
});
type PluginJson = z.infer<typeof pluginSchema>;

export interface Problem {
  file: string;
  message: string;
}

function findPluginJsons(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findPluginJsons(full, base);
    return entry.name === 'plugin.json' ? [path.relative(base, full)] : [];
  });
}

function isImage(head: Buffer): boolean {
  const png = head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = head[0] === 0xff && head[1] === 0xd8;
  const gif = head.subarray(0, 4).toString('latin1') === 'GIF8';
  return png || jpeg || gif || /<svg[\s>]/.test(head.toString('utf8'));
}

function checkPlugin(dist: string, file: string, problems: Problem[]): PluginJson | undefined {
  const dir = path.dirname(path.join(dist, file));
  const report = (message: string) => problems.push({ file, message });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path.join(dist, file), 'utf8'));
  } catch (error) {
    report(`not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = pluginSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(`${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  const plugin = parsed.data;
  if (!plugin.id.endsWith(`-${plugin.type}`)) report(`id ${plugin.id} must end with -${plugin.type}`);
  const range = plugin.dependencies.grafanaDependency;
  if (!/^(>=|>|\^|~)\s*\d+\.\d+\.\d+/.test(range))
    report(`grafanaDependency "${range}" must be a range such as ">=12.3.0", not an exact version`);
  const module = path.join(dir, 'module.js');
  if (!existsSync(module)) report(`no module.js beside it`);
  else if (!/^\s*(\/\*[\s\S]*?\*\/\s*)?define\(/.test(readFileSync(module, 'utf8').slice(0, 4096)))
    report('module.js is not an AMD module (Grafana loads plugins with SystemJS and the AMD extra)');
  for (const [kind, logo] of Object.entries(plugin.info.logos))
    if (!existsSync(path.join(dir, logo))) report(`logos.${kind} ${logo} does not exist`);
  if (plugin.type === 'app' && plugin.info.screenshots.length === 0)
    report('info.screenshots is empty: the catalogue shows an app by its screenshots');
  for (const shot of plugin.info.screenshots) {
    const file = path.join(dir, shot.path);
    if (!existsSync(file)) report(`screenshot ${shot.path} does not exist`);
    else if (!isImage(readFileSync(file).subarray(0, 512))) report(`screenshot ${shot.path} is not a PNG, JPEG, GIF or SVG image`);
  }
  for (const component of plugin.extensions?.exposedComponents ?? [])
    if (!new RegExp(`^${plugin.id}/[a-z0-9-]+/v\\d+$`).test(component.id))
      report(`exposed component id ${component.id} must be ${plugin.id}/<name>/v<version>`);
  for (const link of plugin.extensions?.addedLinks ?? [])
    for (const target of link.targets)
      if (!/^[a-z0-9-]+\/[a-z0-9/.-]+$/.test(target))
        report(`added link "${link.title}" targets "${target}", which is not an extension point id`);
  const actions = new Set(plugin.roles.flatMap((entry) => entry.role.permissions.map((permission) => permission.action)));
  for (const route of plugin.routes) {
    const acting = route.method !== undefined && route.method.toUpperCase() !== 'GET';
    if (acting && !route.reqRole && !route.reqAction)
      report(`route ${route.method} ${route.path} changes state but sets neither reqRole nor reqAction`);
    if (route.reqAction && !actions.has(route.reqAction))
      report(`route ${route.path} requires action ${route.reqAction}, which no role in plugin.json grants`);
  }
  return plugin;
}

/** Every problem found in a built plugin directory; none means it passes. */
export function validatePlugin(dist: string): Problem[] {
  const problems: Problem[] = [];
  if (!existsSync(path.join(dist, 'plugin.json'))) return [{ file: 'plugin.json', message: `no plugin.json in ${dist}: build first` }];
  for (const [file, minimum] of [
    ['README.md', 40],
    ['CHANGELOG.md', 10],
    ['LICENSE', 100],
  ] as const) {
    const full = path.join(dist, file);
    if (!existsSync(full) || statSync(full).size < minimum)
      problems.push({ file, message: `missing or empty: the plugin archive must carry its ${file}` });
  }
  const files = findPluginJsons(dist);
  const root = checkPlugin(dist, 'plugin.json', problems);
  const nested = files.filter((file) => file !== 'plugin.json');
  const byPath = new Map(nested.map((file) => [file, checkPlugin(dist, file, problems)]));
  if (!root) return problems;
  if (root.type === 'app') {
    const included = new Set<string>();
    for (const include of root.includes) {
      if (include.type === 'page' || include.type === 'dashboard') {
        if (
          include.type === 'page' &&
          include.path &&
          !include.path.startsWith(`/a/${root.id}`) &&
          !include.path.startsWith(`/plugins/${root.id}`)
        )
          problems.push({
            file: 'plugin.json',
            message: `page "${include.name}" path ${include.path} is outside the app (/a/${root.id}/…)`,
          });
        continue;
      }
      const target = include.path ? path.normalize(include.path) : '';
      included.add(target);
      const child = byPath.get(target);
      if (!byPath.has(target))
        problems.push({
          file: 'plugin.json',
          message: `includes ${include.type} "${include.name}" at ${include.path}, which is not in the build`,
        });
      else if (child && child.type !== include.type)
        problems.push({ file: 'plugin.json', message: `includes ${include.path} as ${include.type} but it is a ${child.type}` });
      else if (child && child.name !== include.name)
        problems.push({ file: 'plugin.json', message: `includes ${include.path} as "${include.name}" but it is named "${child.name}"` });
    }
    for (const file of nested)
      if (!included.has(file)) problems.push({ file, message: 'a nested plugin the app does not list in includes' });
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const problems = validatePlugin(dist);
  for (const problem of problems) console.error(`${problem.file}: ${problem.message}`);
  console.log(problems.length === 0 ? `${dist}: passes the offline plugin checks` : `${problems.length} problem(s)`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
