/** Change detection and exposure for `vigil watch` (pure). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { detectChanges, snapshot } from '../../src/watch/detect.js';
import { exposureOf } from '../../src/watch/exposure.js';
import { alertsFor } from '../../src/watch/alerts.js';
import { RequestBudget } from '../../src/watch/budget.js';
import { signBody } from '../../src/watch/webhook.js';
import { comp, inventoryOf, manifestOf, packumentOf, findingOf } from '../helpers/factories.js';

const at = '2026-12-03T00:00:00.000Z';

function pack(versions: string[], tags: Record<string, string>, extra: Record<string, string> = {}) {
  const p = packumentOf(manifestOf('dep', versions[0]!));
  for (const v of versions) p.versions[v] = { ...manifestOf('dep', v), ...(extra[v] ? { deprecated: extra[v] } : {}) };
  p.distTags = tags;
  return p;
}

describe('watch: change detection', () => {
  test('the first sighting is a baseline; then new versions, removals, tag moves and deprecations are changes', () => {
    const a = snapshot(pack(['1.0.0', '1.1.0'], { latest: '1.1.0' }), at);
    assert.deepEqual(detectChanges(undefined, a), []);
    const b = snapshot(pack(['1.0.0', '1.2.0'], { latest: '1.0.0', next: '1.2.0' }, { '1.0.0': 'use 2.x' }), at);
    const kinds = detectChanges(a, b)
      .map((c) => `${c.kind}:${'version' in c ? c.version : 'tag' in c ? `${c.tag}->${c.to}` : ''}`)
      .sort();
    assert.deepEqual(kinds, ['deprecated:1.0.0', 'dist-tag:latest->1.0.0', 'dist-tag:next->1.2.0', 'new-version:1.2.0', 'yanked:1.1.0']);
    assert.deepEqual(detectChanges(b, b), []);
  });

  test('an ordinary publish (new version + latest moved onto it) is one alert; the analysis sets its severity; exposure names the project and range', async () => {
    const before = snapshot(pack(['1.0.0'], { latest: '1.0.0' }), at);
    const now = snapshot(pack(['1.0.0', '1.0.1'], { latest: '1.0.1' }), at);
    const proj = inventoryOf(comp('dep', '1.0.0'));
    proj.edges.push({ from: 'root:app', to: proj.components[0]!.purl, kind: 'prod', spec: '^1.0.0' });
    const alerts = await alertsFor(
      'dep',
      detectChanges(before, now),
      [{ name: 'app', inventory: proj }],
      async () => ({ findings: [findingOf('content/secret-exfiltration', 'pkg:npm/dep@1.0.1', { severity: 'high' })], problems: [] }),
      at,
    );
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.severity, 'high');
    assert.match(alerts[0]!.detail, /now "latest"/);
    assert.deepEqual(alerts[0]!.exposed, [{ project: 'app', via: 'root:app', range: '^1.0.0' }]);
    assert.deepEqual(exposureOf([{ name: 'app', inventory: proj }], 'dep', '2.0.0'), []);
  });

  test('the request budget waits once the minute is spent', async () => {
    let t = 0;
    const waits: number[] = [];
    const b = new RequestBudget(
      2,
      () => t,
      async (ms) => {
        waits.push(ms);
        t += ms;
      },
    );
    await b.take();
    await b.take();
    await b.take();
    assert.deepEqual(waits, [30_000]);
  });

  test('webhook signatures are HMAC-SHA256 over timestamp.body', () => {
    assert.equal(signBody('k', '1', 'b'), `sha256=${createHmac('sha256', 'k').update('1.b').digest('hex')}`);
    assert.notEqual(signBody('k', '1', 'b'), signBody('k', '2', 'b'));
    assert.match(signBody('k', '1', 'b'), /^sha256=[0-9a-f]{64}$/);
  });
});
