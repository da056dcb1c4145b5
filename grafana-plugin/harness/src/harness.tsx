/**
 * The page the browser tests load in place of Grafana: it shares react, rxjs, @emotion/css and
 * @grafana/{data,ui,runtime} with plugins through SystemJS (as Grafana does), puts Grafana's theme
 * and global styles around them, and mounts the real built plugin modules. The backend service is
 * a stand-in that calls the stand-in server's plugin and data source proxies with fetch().
 */
import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import { applyFieldOverrides, createTheme, dateTime, LoadingState, ThemeContext, type DataFrame, type PanelData } from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import { setBackendSrv, setTemplateSrv, type BackendSrv, type BackendSrvRequest } from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import { GlobalStyles } from '@grafana/ui';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as ReactRouterDom from 'react-router-dom';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import * as rxjs from 'rxjs';

declare const __GRAFANA_RUNTIME__: string;

interface SystemJS {
  set(id: string, module: object): void;
  import(id: string): Promise<Record<string, any>>;
  addImportMap(map: { imports: Record<string, string> }): void;
}
declare global {
  interface Window {
    System: SystemJS;
    harness: typeof harness;
  }
}

const PLUGIN = 'trumpets-learningloop-app';
const PUBLIC = `/public/plugins/${PLUGIN}`;
const SHARED: Record<string, object> = {
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  'react-router-dom': ReactRouterDom,
  rxjs,
  '@emotion/css': emotionCss,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
};

class FetchFailure {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly data: unknown,
  ) {}
}

/** Grafana's backend service as plugins use it: fetch() as an Observable, failing with { status, data }. */
const backendSrv = {
  fetch: (request: BackendSrvRequest) =>
    rxjs.from(
      (async () => {
        let response: Response;
        try {
          response = await fetch(request.url, {
            method: request.method ?? 'GET',
            headers: request.data === undefined ? undefined : { 'content-type': 'application/json' },
            body: request.data === undefined ? undefined : JSON.stringify(request.data),
          });
        } catch (error) {
          throw new FetchFailure(0, '', { message: String(error) });
        }
        const text = await response.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // Not JSON: keep the text, as Grafana does.
        }
        if (!response.ok) throw new FetchFailure(response.status, response.statusText, data);
        return {
          data,
          status: response.status,
          statusText: response.statusText,
          ok: true,
          headers: response.headers,
          redirected: false,
          type: response.type,
          url: response.url,
          config: request,
        };
      })(),
    ),
} as unknown as BackendSrv;

const theme = createTheme();
let root: Root | undefined;

function show(node: React.ReactNode): void {
  root?.unmount();
  root = createRoot(document.getElementById('root')!);
  root.render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ padding: 16 }}>{node}</div>
    </ThemeContext.Provider>,
  );
}

const harness = {
  runtime: { grafana: __GRAFANA_RUNTIME__, react: React.version },

  /** Runs `queries` through the real data source module, then renders the real panel module on the frames. */
  async mountPanel(panel: string, queries: Array<Record<string, unknown>>, title: string): Promise<void> {
    const { plugin: dsPlugin } = await window.System.import(`${PUBLIC}/datasource/module.js`);
    const { plugin: panelPlugin } = await window.System.import(`${PUBLIC}/panels/${panel}/module.js`);
    const datasource = new dsPlugin.DataSourceClass({
      id: 1,
      uid: 'trumpets',
      type: 'trumpets-learningloop-datasource',
      name: 'Trumpets',
      url: '/api/datasources/proxy/uid/trumpets',
      jsonData: { apiUrl: 'configured' },
      meta: {},
      access: 'proxy',
      readOnly: false,
    });
    const to = dateTime();
    const from = dateTime(to.valueOf() - 24 * 3600_000);
    const range = { from, to, raw: { from: 'now-24h', to: 'now' } };
    const response = await datasource.query({
      targets: queries.map((query, index) => ({ refId: String.fromCharCode(65 + index), ...query })),
      range,
      intervalMs: 60_000,
      scopedVars: {},
      timezone: 'utc',
    });
    const series: DataFrame[] = applyFieldOverrides({
      data: response.data,
      fieldConfig: { defaults: {}, overrides: [] },
      replaceVariables: (text: string) => text,
      theme,
      timeZone: 'utc',
    });
    const data: PanelData = {
      series,
      state: response.errors ? LoadingState.Error : LoadingState.Done,
      errors: response.errors,
      timeRange: range,
    };
    const Panel = panelPlugin.panel;
    show(
      <div
        style={{ width: 1000, border: `1px solid ${theme.colors.border.weak}`, background: theme.colors.background.primary, padding: 8 }}
      >
        <h6>{title}</h6>
        <Panel
          id={1}
          data={data}
          timeRange={range}
          timeZone="utc"
          options={{}}
          fieldConfig={{ defaults: {}, overrides: [] }}
          transparent={false}
          width={980}
          height={360}
          renderCounter={0}
          title={title}
          eventBus={{}}
          onOptionsChange={() => {}}
          onFieldConfigChange={() => {}}
          replaceVariables={(text: string) => text}
          onChangeTimeRange={() => {}}
        />
      </div>,
    );
  },

  /** The data source's "Save & test" answer. */
  async testDatasource(): Promise<{ status: string; message: string }> {
    const { plugin } = await window.System.import(`${PUBLIC}/datasource/module.js`);
    return new plugin.DataSourceClass({
      id: 1,
      uid: 'trumpets',
      url: '/api/datasources/proxy/uid/trumpets',
      jsonData: { apiUrl: 'configured' },
      meta: {},
    }).testDatasource();
  },

  /** The links the real app module adds: each one's targets and the path its `configure` gives for `context`. */
  async addedLinks(context: object): Promise<Array<{ title: string; targets: string[]; path?: string }>> {
    const { plugin } = await window.System.import(`${PUBLIC}/module.js`);
    return plugin.addedLinkConfigs.map((link: grafanaData.PluginExtensionAddedLinkConfig) => ({
      title: link.title,
      targets: ([] as string[]).concat(link.targets),
      path: link.configure?.(context)?.path,
    }));
  },

  /** A component the real app module exposes to other plugins, mounted as another plugin would (`usePluginComponent(id)`). */
  async mountExposed(id: string, props: object): Promise<void> {
    const { plugin } = await window.System.import(`${PUBLIC}/module.js`);
    const exposed = plugin.exposedComponentConfigs.find((config: { id: string }) => config.id === id);
    if (!exposed) throw new Error(`the app exposes no component ${id}`);
    const Component = exposed.component;
    show(
      <MemoryRouter>
        <Component {...props} />
      </MemoryRouter>,
    );
  },

  /** The real app module's root page at an app path, as Grafana routes /a/<app id>/*. */
  async mountApp(path: string): Promise<void> {
    const { plugin } = await window.System.import(`${PUBLIC}/module.js`);
    const App = plugin.root;
    const meta = { id: PLUGIN, name: 'Trumpets', type: 'app', enabled: true, jsonData: {}, info: {} };
    show(
      <MemoryRouter initialEntries={[`/a/${PLUGIN}/${path}`]}>
        <Routes>
          <Route
            path={`/a/${PLUGIN}/*`}
            element={<App meta={meta} basename={`/a/${PLUGIN}`} query={{}} path={`/a/${PLUGIN}`} onNavChanged={() => {}} />}
          />
        </Routes>
      </MemoryRouter>,
    );
  },
};

setBackendSrv(backendSrv);
setTemplateSrv({
  replace: (text?: string) => text ?? '',
  getVariables: () => [],
  containsTemplate: () => false,
  updateTimeRange: () => {},
} as never);
window.harness = harness;

// SystemJS loads after this bundle: share the modules once it is there.
window.addEventListener('load', () => {
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(SHARED)) {
    window.System.set(`app:/${name}`, { ...module, default: module, __useDefault: false });
    imports[name] = `app:/${name}`;
  }
  window.System.addImportMap({ imports });
  document.body.dataset.ready = 'true';
});
