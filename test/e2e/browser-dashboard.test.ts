/**
 * The dashboard (`vigil serve`) in real headless Chromium (Debian's `chromium` via playwright-core)
 * over a real server on 127.0.0.1 and a temp store: open a project, filter to high, open a finding,
 * suppress it with a reason — it disappears, the filter stays, the project's vigil.config.json holds
 * the suppression and the audit shows who and why; then an alert written by `vigil watch` (another
 * store connection) appears in the open page without a reload. No console errors, no request
 * leaves the server. Skipped when /usr/bin/chromium is absent (.ci/run installs it).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumSkip as skip, launchChromium } from '../helpers/chromium.js';
import { openStore } from '../../src/store/open.js';
import { raiseAlert, scanOf, startDashboardWorld, type DashboardWorld } from '../helpers/dashboard-world.js';

/** axe-core's violations on the page as it is now, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  type Violation = { id: string; nodes: { target: string[] }[] };
  const violations = await page.evaluate(
    async () =>
      (
        await (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: Violation[] }> } }).axe.run(document, {
          resultTypes: ['violations'],
        })
      ).violations,
  );
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('dashboard in headless Chromium', { skip }, () => {
  let w: DashboardWorld;
  let profile: string;
  let ctx: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  before(async () => {
    w = await startDashboardWorld();
    profile = mkdtempSync(join(tmpdir(), 'vigil-dash-profile-'));
    ctx = await launchChromium(profile);
    page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(w.server.url)) problems.push(`request elsewhere: ${r.url()}`);
    });
    await page.goto(w.server.url);
  });

  after(async () => {
    await ctx?.close();
    await w?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('open a project, filter to high, open a finding, suppress it: it disappears and the config changes', async () => {
    await page.getByRole('link', { name: w.project }).click();
    const count = page.locator('#finding-count');
    await count.waitFor();
    assert.equal(await count.textContent(), '9 of 10 findings shown');
    await page.selectOption('#finding-severity', 'high');
    await page.waitForFunction(() => document.getElementById('finding-count')?.textContent === '6 of 10 findings shown');
    const finding = page.locator('details.group[data-rule="npm/install-script"] details.finding', { hasText: 'ua-parser-js' });
    await finding.locator('summary').click();
    const form = finding.locator('form.triage');
    await form.locator('input[name="reason"]').fill('pinned to 0.7.28 in production; this lockfile is a test fixture');
    await form.locator('input[name="expires"]').fill('2099-12-31');
    await form.locator('input[name="by"]').fill('alice');
    await form.getByRole('radio', { name: 'every version: pkg:npm/ua-parser-js' }).check();
    await form.getByRole('button', { name: 'Suppress' }).click();
    await page.locator('#notice', { hasText: 'written to' }).waitFor();
    await page.waitForFunction(() => document.getElementById('finding-count')?.textContent === '5 of 10 findings shown');
    assert.equal(await page.locator('#finding-severity').inputValue(), 'high', 'the filter is kept');
    assert.equal(
      await page.locator('details.group[data-rule="npm/install-script"] details.finding', { hasText: 'ua-parser-js' }).count(),
      0,
    );
    const config = JSON.parse(readFileSync(join(w.project, 'vigil.config.json'), 'utf8'));
    assert.deepEqual(
      config.suppressions.map((s: Record<string, string>) => [s.rule, s.subject, s.reason, s.expires, s.by]),
      [
        [
          'npm/install-script',
          'pkg:npm/ua-parser-js',
          'pinned to 0.7.28 in production; this lockfile is a test fixture',
          '2099-12-31',
          'alice',
        ],
      ],
    );
    const audit = page.locator('#audit table');
    await audit.waitFor();
    assert.match((await audit.textContent()) ?? '', /alice.*suppress.*npm\/install-script.*pkg:npm\/ua-parser-js(?!@)/);
    await page.check('#finding-suppressed');
    const back = page.locator('details.group[data-rule="npm/install-script"] details.finding.is-suppressed', { hasText: 'ua-parser-js' });
    assert.equal(await back.count(), 1, 'shown again with "show suppressed"');
  });

  test('findings over time: one line per severity with one point per stored scan, the same numbers as the table', async () => {
    await page.goto(w.server.url);
    await page.getByRole('link', { name: w.project }).click();
    await page.waitForFunction(() => (window as unknown as { vigilDashboard?: object }).vigilDashboard !== undefined);
    const drawn = await page.evaluate(() => {
      type Meta = { data: unknown[] };
      const chart = (
        window as unknown as {
          vigilDashboard: { trend: { data: { datasets: { label: string; data: { y: number }[] }[] }; getDatasetMeta(i: number): Meta } };
        }
      ).vigilDashboard.trend;
      return chart.data.datasets.map((d, i) => ({
        label: d.label,
        ys: d.data.map((p) => p.y),
        points: chart.getDatasetMeta(i).data.length,
      }));
    });
    const scans = w.store.scanHistory('acme-web', 100).reverse();
    assert.equal(scans.length, 2);
    assert.deepEqual(
      drawn,
      ['critical', 'high', 'medium', 'low'].map((label) => ({
        label,
        ys: scans.map((s) => s.result.summary.findings[label as 'high']),
        points: scans.length,
      })),
    );
    assert.deepEqual(
      drawn.map((d) => d.ys),
      [
        [1, 3],
        [3, 3],
        [2, 2],
        [1, 1],
      ],
      'the first scan lacked the two critical content findings',
    );
    const rows = await page.locator('#scans table tbody tr').allTextContents();
    assert.equal(rows.length, 2);
    assert.match(
      (await page.locator('#trend-canvas').getAttribute('aria-label')) ?? '',
      /in 2 scans .* the latest has 3 critical, 3 high, 2 medium, 1 low/,
    );
  });

  test('an alert raised while the page is open appears without a reload', async () => {
    const before = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await page.locator('#alert-status', { hasText: 'Live' }).waitFor();
    raiseAlert(w.storePath, { id: 'npm:left-pad@1.3.1:new-version' });
    const item = page.locator('#alert-list li[data-alert="npm:left-pad@1.3.1:new-version"]');
    await item.waitFor({ timeout: 15_000 });
    assert.match((await item.textContent()) ?? '', /left-pad@1\.3\.1 published/);
    assert.match((await item.textContent()) ?? '', /\^1\.3\.0/);
    assert.match((await page.locator('#alert-status').textContent()) ?? '', /New alert/);
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), before);
    await item.getByRole('link').click();
    await page.getByRole('heading', { name: 'left-pad (npm)' }).waitFor();
    assert.match((await page.locator('#component-alerts').textContent()) ?? '', /left-pad@1\.3\.1 published/);
    assert.deepEqual(problems, []);
    assert.deepEqual(w.bugs, []);
  });

  test('a scan stored while the project list is open shows up without a reload', async () => {
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: w.project }).waitFor();
    const other = join(w.dir, 'second-app');
    mkdirSync(other);
    const store = openStore({ path: w.storePath });
    store.saveScan({ ...scanOf(other, new Date().toISOString()), target: { path: other, key: 'second-app' } });
    store.close();
    await page.getByRole('link', { name: other }).waitFor({ timeout: 15_000 });
  });

  test('a component page is reached from a finding and from the components list, with readable sections', async () => {
    await page.goto(w.server.url);
    await page.getByRole('link', { name: w.project }).click();
    const finding = page.locator('details.group[data-rule="release/new-publisher"] details.finding', { hasText: 'ua-parser-js' });
    await finding.locator('summary').click();
    await finding.getByRole('link', { name: 'Component page of pkg:npm/ua-parser-js@0.7.29' }).click();
    await page.getByRole('heading', { name: 'ua-parser-js (npm)' }).waitFor();
    const use = page.locator('article.use[data-purl="pkg:npm/ua-parser-js@0.7.29"]');
    const versions = (await use.locator('.versions').textContent()) ?? '';
    assert.match(versions, /In use0\.7\.29 — behind the latest \(2\.0\.3\)/);
    assert.match(versions, /Deprecatedcompromised release/);
    assert.match(versions, /Newest release2\.0\.3 \(2025-02-12 08:00:00 UTC\)/);
    assert.deepEqual(await use.locator('.people li').allTextContents(), ['npm:faisalman']);
    assert.match((await use.locator('.people').textContent()) ?? '', /Published byfaisalman/);
    assert.equal(await use.locator('.scores tbody tr').count(), 4);
    assert.match((await use.locator('.scores tbody tr').nth(1).textContent()) ?? '', /fragilitymaintainers150%one maintainer: faisalman/);
    assert.deepEqual(await use.locator('.funding li').allTextContents(), [
      'open collective: https://opencollective.com/ua-parser-js (package.json)',
      'github: https://github.com/sponsors/faisalman (package.json)',
    ]);
    assert.equal(await use.locator('.funding a').count(), 0, 'addresses from metadata are text, not links');
    assert.match((await page.locator('#versions').textContent()) ?? '', /0\.7\.292/, 'one run of 0.7.29 over both scans');
    assert.deepEqual(await axeViolations(page), []);

    await page.goBack();
    await page.locator('#components button[data-component]', { hasText: 'ua-parser-js' }).click();
    await page.locator('dialog[open]').getByRole('link', { name: 'Component page', exact: true }).click();
    await page.getByRole('heading', { name: 'ua-parser-js (npm)' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('accessibility: axe-core finds no violations on a project page with a triage form open', async () => {
    await page.goto(w.server.url);
    await page.getByRole('link', { name: w.project }).click();
    const finding = page.locator('details.finding', { hasText: 'left-pad' });
    await finding.locator('summary').click();
    await finding.locator('form.triage').waitFor();
    assert.deepEqual(await axeViolations(page), []);
  });
});
