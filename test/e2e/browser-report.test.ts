/**
 * The HTML report in real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * opens offline with no console errors and no network request, the quadrant has one point per
 * scored component, clicking a point opens that component, search filters findings, and the page
 * works from the keyboard. Skipped when /usr/bin/chromium is absent (.ci/run installs it).
 * A screenshot is written to $VIGIL_TEST_ARTIFACTS (default: <tmp>/vigil-test-artifacts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumSkip as skip, launchChromium } from '../helpers/chromium.js';
import { renderHtml } from '../../src/report/html.js';
import { load, rules, sample, synthetic } from '../report/helpers.js';

const ARTIFACTS = process.env['VIGIL_TEST_ARTIFACTS'] ?? join(tmpdir(), 'vigil-test-artifacts');

describe('HTML report in headless Chromium', { skip }, () => {
  let dir: string;
  let ctx: BrowserContext;
  const problems: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-browser-'));
    writeFileSync(join(dir, 'sample.html'), renderHtml(sample(), { rules: rules() }));
    writeFileSync(join(dir, 'big.html'), renderHtml(synthetic(3000), { rules: rules() }));
    // A registry that served no maintainers and nothing changed since the last scan.
    const quiet = sample();
    quiet.unavailable.push({ subject: 'scoring', field: 'fragility.maintainers', reason: 'unknown: not available from this registry' });
    quiet.changes = {
      ...quiet.changes!,
      newFindings: [],
      resolvedFindings: [],
      newComponents: [],
      removedComponents: [],
      changedVersions: [],
    };
    writeFileSync(join(dir, 'quiet.html'), renderHtml(quiet, { rules: rules() }));
    writeFileSync(join(dir, 'history.html'), renderHtml(load('history-xz.json'), { rules: rules() }));
    writeFileSync(join(dir, 'host.html'), renderHtml(load('host-debian.json'), { rules: rules() }));
    writeFileSync(join(dir, 'discuss.html'), renderHtml(load('discuss-xz.json'), { rules: rules() }));
    writeFileSync(join(dir, 'affected.html'), renderHtml(load('affected-xz.json'), { rules: rules() }));
    ctx = await launchChromium(join(dir, 'profile'));
  });

  after(async () => {
    await ctx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, ready = 'quadrant'): Promise<Page> {
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(`file://${join(dir, name)}`);
    if (ready === 'quadrant')
      await page.waitForFunction(() => (window as unknown as { vigilReport?: { quadrant?: unknown } }).vigilReport?.quadrant !== undefined);
    else await page.locator(ready).first().waitFor();
    return page;
  }

  test('opens with no console errors and no network, one quadrant point per scored component', async () => {
    const page = await open('sample.html');
    const n = await page.evaluate(() =>
      (window as unknown as { vigilReport: { quadrant: { drawn(): number } } }).vigilReport.quadrant.drawn(),
    );
    assert.equal(n, 10);
    assert.equal(await page.locator('#summary .card').count(), 8);
    assert.equal(await page.locator('#history canvas').count(), 1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-sample.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('quadrant: the most suspicious band is drawn on top; unknown fragility is said on the chart; an unchanged scan is not highlighted', async () => {
    const page = await open('sample.html');
    const order = await page.evaluate(() => {
      const chart = (window as unknown as { vigilReport: { quadrant: { chart: { getSortedVisibleDatasetMetas(): { label: string }[] } } } })
        .vigilReport.quadrant.chart;
      // Chart.js draws these last to first: the first is on top.
      return chart.getSortedVisibleDatasetMetas().map((m) => m.label);
    });
    assert.equal(order[0], 'suspicion band 8 of 8');
    assert.equal(order.at(-1), 'suspicion band 1 of 8');
    assert.equal(await page.locator('#quadrant-unknown').count(), 0, 'nothing unknown in the sample: no note');
    assert.equal(await page.locator('#summary .changes.changes-none').count(), 0, 'the sample has changes: highlighted');
    await page.close();

    const quiet = await open('quiet.html');
    assert.match(
      await quiet.locator('#quadrant-unknown').innerText(),
      /Fragility unknown in part: no source gave maintainers \(not available from this registry\)/,
    );
    const box = quiet.locator('#summary .changes.changes-none');
    assert.match(await box.innerText(), /Since the last scan \([^)]+\): nothing changed/);
    assert.equal(await box.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgba(0, 0, 0, 0)');
    assert.deepEqual(problems, []);
    await quiet.close();
  });

  test('clicking a quadrant point opens that component with its findings and paths', async () => {
    const page = await open('sample.html');
    const pt = await page.evaluate(() => {
      const r = (
        window as unknown as {
          vigilReport: { data: { components: { name: string }[] }; quadrant: { locate(i: number): { x: number; y: number } } };
        }
      ).vigilReport;
      return r.quadrant.locate(r.data.components.findIndex((c) => c.name === 'flatmap-stream'));
    });
    const canvas = page.locator('#quadrant-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + pt.x, box.y + pt.y);
    const dialog = page.locator('#component-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await page.locator('#component-dialog-title').textContent(), 'flatmap-stream@0.1.1');
    assert.match((await dialog.textContent())!, /Encrypted payload decrypted/);
    assert.match((await dialog.locator('.paths').textContent())!, /acme-web › event-stream@3\.3\.6 › flatmap-stream@0\.1\.1/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-component.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('search text filters findings; the component table opens a component', async () => {
    const page = await open('sample.html');
    await page.fill('#finding-search', 'landlock');
    await page.waitForFunction(() => document.getElementById('finding-count')?.textContent === '1 of 10 findings shown');
    assert.equal(await page.locator('#findings .group').count(), 1);
    assert.equal(await page.locator('#findings .group').getAttribute('data-rule'), 'history/sandbox-check-broken');
    await page.fill('#finding-search', '');
    await page.check('#finding-suppressed');
    await page.waitForFunction(() => document.getElementById('finding-count')?.textContent === '10 of 10 findings shown');
    await page.selectOption('#finding-severity', 'critical');
    await page.waitForFunction(() => document.getElementById('finding-count')?.textContent === '3 of 10 findings shown');
    await page.fill('#component-search', 'ua-parser');
    await page.waitForFunction(() => document.querySelectorAll('#components tbody tr').length === 1);
    await page.locator('#components tbody button[data-component]').click();
    assert.equal(await page.locator('#component-dialog-title').textContent(), 'ua-parser-js@0.7.29');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('keyboard: skip link, search by typing, open a component and return focus', async () => {
    const page = await open('sample.html');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to findings');
    const active = (): Promise<string> =>
      page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return a?.id || a?.getAttribute('data-component') || a?.textContent || '';
      });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await active()) === 'finding-search';
    }
    assert.ok(reached, 'the findings search box is reachable with Tab');
    await page.keyboard.type('ua-parser');
    await page.waitForFunction(() => document.getElementById('finding-count')?.textContent === '2 of 10 findings shown');
    // Back to the top risks: the first component button opens with Enter, Escape closes and focus returns.
    await page.locator('#summary button[data-component]').first().focus();
    const opener = await active();
    await page.keyboard.press('Enter');
    await page.locator('#component-dialog').waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('close')), true, 'focus moves into the dialog');
    await page.keyboard.press('Escape');
    await page.locator('#component-dialog').waitFor({ state: 'hidden' });
    assert.equal(await active(), opener, 'focus returns to the button that opened the dialog');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none', 'keyboard focus is visible');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('history and host results show the timeline and privileged paths', async () => {
    const page = await open('history.html', '#history canvas');
    await page.waitForFunction(() => document.querySelector('#history canvas')?.getAttribute('width') !== null);
    assert.match((await page.locator('#history').textContent())!, /truck factor 1/);
    await page.locator('#history summary', { hasText: 'People (3)' }).click();
    assert.match((await page.locator('#history table').first().textContent())!, /first signed tag: v5\.4\.2/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#history').screenshot({ path: join(ARTIFACTS, 'report-history.png') });
    await page.close();
    const host = await open('host.html', '#privileged');
    assert.equal(await host.locator('#privileged .paths li').count(), 3);
    await host.close();
    const discuss = await open('discuss.html', '#campaigns');
    assert.match((await discuss.locator('#campaigns').textContent())!, /Jigar Kumar.*Dennis Ens/);
    await discuss.close();
    const affected = await open('affected.html', '#affected');
    assert.match((await affected.locator('#affected').textContent())!, /CVE-2024-3094malicious/);
    await affected.close();
    assert.deepEqual(problems, []);
  });

  test('accessibility: axe-core finds no violations, with and without the dialog open', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    type Violation = { id: string; nodes: { target: string[] }[] };
    const audit = async (page: Page): Promise<string[]> => {
      // Evaluated through the DevTools protocol, which the page's CSP does not govern.
      await page.evaluate(axeSource);
      const v = await page.evaluate(
        async () =>
          (
            await (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: Violation[] }> } }).axe.run(document, {
              resultTypes: ['violations'],
            })
          ).violations,
      );
      return v.map(
        (x) =>
          `${x.id}: ${x.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    };
    const page = await open('sample.html');
    await page.check('#finding-suppressed');
    for (const d of await page.locator('#findings details.finding').all())
      await d.evaluate((el) => {
        (el as HTMLDetailsElement).open = true;
      });
    assert.deepEqual(await audit(page), []);
    await page.locator('#summary button[data-component]').first().click();
    await page.locator('#component-dialog').waitFor({ state: 'visible' });
    assert.deepEqual(await audit(page), []);
    await page.close();
    for (const [file, ready] of [
      ['history.html', '#history canvas'],
      ['host.html', '#privileged'],
      ['discuss.html', '#campaigns'],
      ['affected.html', '#affected'],
    ] as const) {
      const other = await open(file, ready);
      for (const d of await other.locator('details').all())
        await d.evaluate((el) => {
          (el as HTMLDetailsElement).open = true;
        });
      assert.deepEqual(await audit(other), [], file);
      await other.close();
    }
  });

  test('3,000-component report becomes interactive (time printed, not asserted)', async (t) => {
    const t0 = Date.now();
    const page = await open('big.html');
    const ms = Date.now() - t0;
    const at = await page.evaluate(() => {
      const r = (window as unknown as { vigilReport: { startedAt: number; readyAt?: number } }).vigilReport;
      return { start: Math.round(r.startedAt), ready: Math.round(r.readyAt ?? performance.now()) };
    });
    const n = await page.evaluate(() =>
      (window as unknown as { vigilReport: { quadrant: { drawn(): number } } }).vigilReport.quadrant.drawn(),
    );
    assert.equal(n, 3000);
    t.diagnostic(
      `3,000-component report: script ran ${at.ready - at.start} ms; drawn ${at.ready} ms after navigation start (${ms} ms including the test driver)`,
    );
    await page.fill('#component-search', 'pkg-2999');
    await page.waitForFunction(() => document.querySelectorAll('#components tbody tr').length === 1);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
