import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReleaseList } from '@trumpets/protocol/api';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHarness, RUNTIMES, type RuntimeName } from '../harness/build';
import { testIds } from '../src/constants';
import { GrafanaStandIn } from './grafanaStandIn';
import { promoteProposal, seedCollector, TOKENS, type SeededCollector } from './seedCollector';

/**
 * The real built plugin in real headless Chromium, loaded as Grafana loads it (SystemJS with the
 * AMD extra, shared modules, Grafana's theme), once on Grafana 13.1 with React 18 and once on
 * Grafana 13.2 with React 19, against the real collector process with seeded data. Screenshots of
 * every panel and page go to test-results/.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
const harnessDir = path.join(results, 'harness');

let browser: Browser;
let seeded: SeededCollector;
let standIn: GrafanaStandIn;
let dataDir: string;

/** The harness bundle of a runtime, rebuilt only when its source changed. */
async function harnessBundle(runtime: RuntimeName): Promise<void> {
  const out = path.join(harnessDir, `${runtime}.js`);
  const source = path.join(root, 'harness', 'src', 'harness.tsx');
  if (!existsSync(out) || statSync(out).mtimeMs < statSync(source).mtimeMs) await buildHarness(runtime, harnessDir);
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'plugin-browser-'));
  const [collector] = await Promise.all([seedCollector(path.join(dataDir, 'data')), harnessBundle('react18'), harnessBundle('react19')]);
  seeded = collector;
  standIn = new GrafanaStandIn({
    collectorUrl: seeded.collector.url,
    secureJsonData: { readToken: TOKENS.read, actToken: TOKENS.act },
    harnessDir,
  });
  await standIn.start();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await standIn?.stop();
  await seeded?.collector.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(Object.keys(RUNTIMES) as RuntimeName[])('the built plugin on the %s runtime', (runtime) => {
  let page: Page;
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(results, `${runtime}-${name}.png`), fullPage: true });
  const text = (testId: string) => page.getByTestId(testId).first().innerText();

  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${standIn.url}/?runtime=${runtime}`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  });

  afterAll(async () => {
    await page?.close();
  });

  it('loads into the runtime it claims, and "Save & test" reaches the collector through the proxy route', async () => {
    const info = await page.evaluate(() => window.harness.runtime);
    expect(info).toEqual({ grafana: RUNTIMES[runtime].grafana, react: runtime === 'react18' ? '18.3.1' : '19.2.9' });
    const result = await page.evaluate(() => window.harness.testDatasource());
    expect(result.status).toBe('success');
    expect(result.message).toMatch(/^Connected to the Trumpets collector: \d+ failure modes? in the last 24 hours\.$/);
  });

  it('scorecard panel: candidate against baseline per metric, with the gate sentence', async () => {
    await page.evaluate(
      (proposalId) => window.harness.mountPanel('scorecard', [{ queryType: 'gateDecision', proposalId }], 'Proposal scorecard'),
      seeded.proposalId,
    );
    await page.getByTestId(testIds.panels.scorecard).locator('table').waitFor();
    const rows = await page.getByTestId(testIds.panels.scorecard).locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t')[0])).toEqual(['Quality', 'Latency median', 'Latency p95', 'Cost', 'Safety']);
    expect(rows[0]).toMatch(/%\t.*%\t/);
    expect(await text(testIds.panels.scorecard)).toContain(`Proposal ${seeded.proposalId}`);
    await shot('panel-scorecard');
  });

  it('promotion gate panel: the overall verdict and each metric verdict', async () => {
    await page.evaluate(
      (proposalId) => window.harness.mountPanel('gate', [{ queryType: 'gateDecision', proposalId }], 'Promotion gate'),
      seeded.proposalId,
    );
    await page.getByTestId(testIds.panels.gate).getByTestId(testIds.panels.verdict).first().waitFor();
    const verdicts = await page.getByTestId(testIds.panels.gate).getByTestId(testIds.panels.verdict).allInnerTexts();
    expect(verdicts).toHaveLength(6);
    expect(['pass', 'marginal', 'inconclusive', 'fail', 'error']).toContain(verdicts[0]!.trim());
    expect(await text(testIds.panels.gate)).toContain('Not released yet');
    await shot('panel-gate');
  });

  it('regressions panel: says what it watches when nothing has regressed', async () => {
    await page.evaluate(() => window.harness.mountPanel('regressions', [{ queryType: 'regressions', agent: 'support' }], 'Regressions'));
    const state = page.getByTestId(testIds.panels.regressions).getByTestId(testIds.panels.state);
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('empty');
    expect(await state.innerText()).toMatch(/^No regressions detected\./);
    await shot('panel-regressions');
  });

  it('failure modes page: modes with counts, new badges and trend sparklines; the drill-down shows examples', async () => {
    await page.evaluate(() => window.harness.mountApp('failure-modes'));
    await page.getByTestId(testIds.failureModes.row).first().waitFor();
    const rows = await page.getByTestId(testIds.failureModes.row).allInnerTexts();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const inventory = rows.find((row) => row.startsWith('inventory service timed out after'));
    expect(inventory).toContain('lookup_order');
    expect(inventory).toMatch(/new\s+8 \(8 recent\)/);
    expect(await page.getByTestId(testIds.failureModes.badge).first().innerText()).toBe('new');
    expect(await page.getByTestId(testIds.failureModes.sparkline).count()).toBe(rows.length);
    await shot('page-failure-modes');

    const inventoryRow = page.getByTestId(testIds.failureModes.row).filter({ hasText: 'inventory service timed out' });
    const href = await inventoryRow.locator('a').first().getAttribute('href');
    await page.evaluate((path) => window.harness.mountApp(path), href!.replace('/a/trumpets-learningloop-app/', ''));
    await page.getByTestId(testIds.failureMode.example).first().waitFor();
    expect(await page.getByTestId(testIds.failureMode.example).first().innerText()).toMatch(
      /inventory service timed out after 3000 ms for order 10\d\d/,
    );
    await shot('page-failure-mode');

    const episodeHref = await page.getByTestId(testIds.failureMode.example).first().locator('a').first().getAttribute('href');
    await page.evaluate((path) => window.harness.mountApp(path), episodeHref!.replace('/a/trumpets-learningloop-app/', ''));
    await page.getByTestId(testIds.episode.tools).waitFor();
    expect(await text(testIds.episode.tools)).toMatch(/lookup_order\s+error\s+Error/);
    expect(await text(testIds.episode.sources)).toContain('kb://shipping/delays');
    expect(await text(testIds.episode.llmCalls)).toContain('1 call: 120 tokens in, 30 tokens out');
    await shot('page-episode');
  });

  it('proposals page: the proposal, its scorecard and its history', async () => {
    await page.evaluate(() => window.harness.mountApp('proposals'));
    await page.getByTestId(testIds.proposals.history).waitFor();
    expect(await text(testIds.proposals.row)).toContain(seeded.proposalId);
    expect(await text(testIds.proposals.history)).toMatch(/draft by/);
    expect(await page.getByTestId(testIds.panels.verdict).count()).toBeGreaterThan(3);
    await shot('page-proposals');
  });

  it('releases page: history with owner and reason; a viewer is told which role is missing; "Roll back" asks why and rolls back in the store', async () => {
    const releaseId = await promoteProposal(seeded);
    await page.evaluate(() => window.harness.mountApp('releases'));
    const row = page.locator(`[data-testid="${testIds.releases.row}"][data-release="${releaseId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/rolling out\s+5% \(stage 1 of 4\)\s+ana\s+fewer refunds wait for a person/);
    await page.getByTestId(testIds.releases.history).waitFor();
    await shot('page-releases');

    standIn.role = 'Viewer';
    await row.getByTestId(`${testIds.releases.action}-pause`).click();
    await page.getByTestId(testIds.releases.reason).fill('checking the viewer sees why not');
    await page.getByRole('button', { name: 'Pause' }).last().click();
    await page.getByTestId(testIds.releases.error).waitFor();
    expect(await text(testIds.releases.error)).toContain(
      'You need the Editor role (or the Trumpets "Release manager" role) to do this (403).',
    );
    standIn.role = 'Editor';
    expect((await seeded.api(`/api/releases/${releaseId}`)).body.status).toBe('rolling_out');

    await row.getByTestId(`${testIds.releases.action}-rollback`).click();
    const confirm = page.getByRole('button', { name: 'Roll back' }).last();
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId(testIds.releases.reason).fill('refunds wait longer on the candidate');
    await shot('dialog-roll-back');
    await confirm.click();
    await page.locator(`[data-testid="${testIds.releases.row}"][data-release="${releaseId}"]`).filter({ hasText: 'rolled back' }).waitFor();

    const stored = (await seeded.api(`/api/releases/${releaseId}`)).body;
    expect(stored.status).toBe('rolled_back');
    expect(stored.events.at(-1)).toMatchObject({ action: 'rolled_back', actor: 'oncall', reason: 'refunds wait longer on the candidate' });
    await shot('page-releases-rolled-back');
  });

  it('extensions: an alert on a release links to it in the app, and the exposed release status shows it', async () => {
    const { releases } = (await seeded.api<ReleaseList>('/api/releases?agent=support')).body;
    const release = releases[0]!;
    const links = await page.evaluate((labels) => window.harness.addedLinks({ instance: { labels } }), {
      agent: 'support',
      release_id: release.id,
      trumpets_action: 'rollback',
    });
    const alertLink = links.find((link) => link.targets.includes('grafana/alerting/instance/action'))!;
    expect(alertLink).toMatchObject({
      title: 'Open release in Trumpets',
      path: `/a/trumpets-learningloop-app/releases?agent=support&release=${release.id}`,
    });
    await page.evaluate((path) => window.harness.mountApp(path), alertLink.path!.replace('/a/trumpets-learningloop-app/', ''));
    await page.getByTestId(testIds.releases.history).waitFor();
    expect(await text(testIds.releases.history)).toContain(`History of ${release.id.slice(0, 8)}`);

    await page.evaluate(() => window.harness.mountExposed('trumpets-learningloop-app/release-status/v1', { agent: 'support' }));
    await page.getByTestId(testIds.extensions.releaseStatus).waitFor();
    const status = await text(testIds.extensions.releaseStatus);
    expect(status).toMatch(/^support\s/);
    expect(status).toMatch(/serves \d+% \(stage \d of \d\)/);
    expect(status).toContain('Open in Trumpets');
    await shot('extension-release-status');
  });

  it('raised no errors in the page', () => {
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  });
});
