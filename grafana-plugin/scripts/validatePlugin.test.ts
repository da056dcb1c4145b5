import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { validatePlugin } from './validatePlugin';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const copies: string[] = [];

/** A copy of the real build with one thing broken. */
function brokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plugin-dist-'));
  copies.push(dir);
  cpSync(dist, dir, { recursive: true });
  edit(dir);
  return dir;
}

function editJson(file: string, change: (json: Record<string, any>) => void) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json));
}

const messages = (dir: string) => validatePlugin(dir).map((problem) => `${problem.file}: ${problem.message}`);

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('offline plugin validator', () => {
  it('passes the real build', () => {
    expect(messages(dist)).toEqual([]);
  });

  it('refuses an exact grafanaDependency', () => {
    const dir = brokenCopy((d) => editJson(path.join(d, 'plugin.json'), (json) => (json.dependencies.grafanaDependency = '12.3.0')));
    expect(messages(dir)).toEqual([expect.stringContaining('grafanaDependency "12.3.0" must be a range')]);
  });

  it('finds a nested plugin the app does not include, and an include that is not built', () => {
    const dir = brokenCopy((d) =>
      editJson(
        path.join(d, 'plugin.json'),
        (json) =>
          (json.includes = json.includes.map((include: any) =>
            include.path === 'panels/gate/plugin.json' ? { ...include, path: 'panels/gates/plugin.json' } : include,
          )),
      ),
    );
    expect(messages(dir)).toEqual([
      'plugin.json: includes panel "Trumpets promotion gate" at panels/gates/plugin.json, which is not in the build',
      'panels/gate/plugin.json: a nested plugin the app does not list in includes',
    ]);
  });

  it('finds missing logos, a non-AMD module, an unbuilt version, missing docs and an unguarded acting route', () => {
    const dir = brokenCopy((d) => {
      rmSync(path.join(d, 'panels/regressions/img/logo.svg'));
      writeFileSync(path.join(d, 'datasource/module.js'), 'export const plugin = {};');
      editJson(path.join(d, 'panels/scorecard/plugin.json'), (json) => (json.info.version = '%VERSION%'));
      rmSync(path.join(d, 'CHANGELOG.md'));
      editJson(path.join(d, 'plugin.json'), (json) => delete json.routes[0].reqRole && delete json.routes[0].reqAction);
    });
    expect(messages(dir).sort()).toEqual(
      [
        'CHANGELOG.md: missing or empty: the plugin archive must carry its CHANGELOG.md',
        'datasource/plugin.json: module.js is not an AMD module (Grafana loads plugins with SystemJS and the AMD extra)',
        'panels/regressions/plugin.json: logos.small img/logo.svg does not exist',
        'panels/regressions/plugin.json: logos.large img/logo.svg does not exist',
        'panels/scorecard/plugin.json: info.version: a semantic version (was the build run?)',
        'plugin.json: route POST api/releases changes state but sets neither reqRole nor reqAction',
      ].sort(),
    );
  });

  it('finds a missing or broken screenshot, an app without screenshots and malformed extension declarations', () => {
    const broken = brokenCopy((d) => {
      rmSync(path.join(d, 'img/screenshots/page-releases.png'));
      writeFileSync(path.join(d, 'img/screenshots/panel-gate.png'), 'not an image');
      editJson(path.join(d, 'plugin.json'), (json) => {
        json.extensions.exposedComponents[0].id = 'release-status';
        json.extensions.addedLinks[0].targets = ['dashboard panel menu'];
      });
    });
    expect(messages(broken).sort()).toEqual(
      [
        'plugin.json: screenshot img/screenshots/page-releases.png does not exist',
        'plugin.json: screenshot img/screenshots/panel-gate.png is not a PNG, JPEG, GIF or SVG image',
        'plugin.json: exposed component id release-status must be trumpets-learningloop-app/<name>/v<version>',
        'plugin.json: added link "Open in Trumpets" targets "dashboard panel menu", which is not an extension point id',
      ].sort(),
    );
    const bare = brokenCopy((d) => editJson(path.join(d, 'plugin.json'), (json) => (json.info.screenshots = [])));
    expect(messages(bare)).toEqual(['plugin.json: info.screenshots is empty: the catalogue shows an app by its screenshots']);
  });
});
