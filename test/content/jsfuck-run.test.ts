/**
 * The JSFuck run finder reads one position in JSFUCK_MIN and measures a run around a hit: it must
 * report the same first run (offset and length) as reading every character, wherever runs start
 * and end relative to those positions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textSignals } from '../../src/analyzers/content/js-text.js';
import { LineIndex } from '../../src/analyzers/content/text-utils.js';

const MIN = 400;
const RUN = '[]()!+';

/** Every character read: the first run of at least MIN run characters. */
function reference(text: string): { index: number; length: number } | undefined {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && RUN.includes(text[i]!)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= MIN) return { index: start, length: i - start };
      start = -1;
    }
  }
  return undefined;
}

/** A small deterministic generator (no flakiness). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test('first JSFuck run: same offset and length as a full scan, over runs of every length around the threshold', () => {
  const r = rng(7);
  let found = 0;
  for (let k = 0; k < 1500; k++) {
    let text = '';
    for (let part = 1 + Math.floor(r() * 6); part > 0; part--) {
      // Filler lines, so that the reported line tells the offset apart.
      for (let n = Math.floor(r() * 60); n > 0; n--) text += 'x'.repeat(Math.floor(r() * 20)) + '\n';
      for (let n = Math.floor(r() * (MIN + 40)); n > 0; n--) text += RUN[Math.floor(r() * RUN.length)];
    }
    const want = reference(text);
    const got = textSignals(text, new LineIndex(text)).find((s) => s.technique === 'jsfuck');
    if (!want) {
      assert.equal(got, undefined, `case ${k}`);
      continue;
    }
    found++;
    assert.equal(got?.detail, `${want.length} characters written only with []()!+`, `case ${k}`);
    assert.equal(got.line, new LineIndex(text).line(want.index), `case ${k}`);
  }
  assert.ok(found > 100 && found < 1400, `${found} texts with a run`);
});

test('a run exactly at the threshold, at the very start and at the very end', () => {
  const run = RUN.repeat(Math.ceil(MIN / RUN.length)).slice(0, MIN);
  for (const text of [run, `a\n${run}`, `${'y'.repeat(MIN - 1)}\n${run}`, run.slice(1)]) {
    const got = textSignals(text, new LineIndex(text)).find((s) => s.technique === 'jsfuck');
    assert.equal(got?.detail, text.endsWith(run) ? `${MIN} characters written only with []()!+` : undefined);
  }
});
