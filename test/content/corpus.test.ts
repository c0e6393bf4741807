/**
 * The detection corpus as a regression gate: every malicious reconstruction under
 * test/fixtures/malicious (development and held-out batches) and every benign look-alike under
 * test/fixtures/benign-lookalikes. Fails when recall at high drops below the floor or any
 * look-alike reaches high. Per-family numbers: `npm run bench:detection`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benignSamples, highLines, judgeDir, maliciousSamples } from '../../bench/lib/corpus.js';

const RECALL_HIGH_FLOOR = 0.9;
const RECALL_MEDIUM_FLOOR = 0.95;

test('malicious corpus: ≥ 60 samples over ≥ 25 families, each naming its public source', () => {
  const s = maliciousSamples();
  assert.ok(s.length >= 60, `${s.length} samples`);
  assert.ok(new Set(s.map((x) => x.family)).size >= 25, `${new Set(s.map((x) => x.family)).size} families`);
  for (const x of s)
    assert.ok(
      existsSync(join(x.dir, 'SOURCE.md')) && existsSync(join(x.dir, 'package.json')),
      `${x.family}/${x.name} has SOURCE.md and package.json`,
    );
});

test(`malicious corpus: recall ≥ ${RECALL_HIGH_FLOOR * 100}% at high and ≥ ${RECALL_MEDIUM_FLOOR * 100}% at medium+`, async () => {
  const s = maliciousSamples();
  const misses: string[] = [];
  let high = 0;
  let medium = 0;
  for (const x of s) {
    const v = await judgeDir(x.dir, `${x.family}/${x.name}`);
    if (v.high) high++;
    else misses.push(`${x.family}/${x.name} (${v.top})`);
    if (v.mediumPlus) medium++;
  }
  assert.ok(high / s.length >= RECALL_HIGH_FLOOR, `high recall ${high}/${s.length}; misses: ${misses.join(', ')}`);
  assert.ok(medium / s.length >= RECALL_MEDIUM_FLOOR, `medium+ recall ${medium}/${s.length}`);
});

test('benign look-alikes: none reaches high', async () => {
  const b = benignSamples();
  assert.ok(b.length >= 8, `${b.length} look-alikes`);
  for (const x of b) {
    const v = await judgeDir(x.dir, `benign/${x.name}`);
    assert.deepEqual(highLines(v), [], `${x.name} must not be high`);
  }
});

test('a chain finding shows entry → source → sink with file:line', async () => {
  const x = maliciousSamples().find((s) => s.family === 'npmrc-stealer' && s.name === 'postinstall-read-send')!;
  const v = await judgeDir(x.dir, 'x');
  const f = v.findings.find((y) => y.rule === 'content/secret-exfiltration')!;
  assert.equal(f.severity, 'critical');
  assert.deepEqual(f.evidence[0], {
    kind: 'metadata',
    field: 'scripts.postinstall',
    value: 'scripts.postinstall: node build.js',
    label: 'entry (install)',
  });
  const src = f.evidence.find((e) => e.label?.startsWith('source:'));
  const sink = f.evidence.find((e) => e.label?.startsWith('sink:'));
  assert.equal(src?.file, 'build.js');
  assert.equal(src?.line, 6);
  assert.equal(sink?.file, 'build.js');
  assert.equal(sink?.line, 9);
  assert.match(f.explanation, /build\.js:6.*build\.js:9/);
});
