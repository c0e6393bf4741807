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
          'pkg:npm/ua-parser-js@0.7.29',
          'pinned to 0.7.28 in production; this lockfile is a test fixture',
          '2099-12-31',
          'alice',
        ],
      ],
    );
    const audit = page.locator('#audit table');
    await audit.waitFor();
    assert.match((await audit.textContent()) ?? '', /alice.*suppress.*npm\/install-script/);
    await page.check('#finding-suppressed');
    const back = page.locator('details.group[data-rule="npm/install-script"] details.finding.is-suppressed', { hasText: 'ua-parser-js' });
    assert.equal(await back.count(), 1, 'shown again with "show suppressed"');
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

  test('accessibility: axe-core finds no violations on a project page with a triage form open', async () => {
    await page.goto(w.server.url);
    await page.getByRole('link', { name: w.project }).click();
    const finding = page.locator('details.finding', { hasText: 'left-pad' });
    await finding.locator('summary').click();
    await finding.locator('form.triage').waitFor();
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
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
    );
  });
});
