/**
 * Replays the hostile corpus (test/fixtures/hostile/corpus.json): each input gives exactly the
 * placed error or the partial result listed there; no prototype is polluted; every string that
 * came out is inert once through the one terminal sanitiser.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hasUnsafeText, sanitizeDeep } from '../../src/core/sanitize.js';
import { replayHostile, type ReplaySummary } from '../helpers/hostile-replay.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'hostile');

/** What corpus.json expects: the summary's fields (strings in messages are regular expressions), inflated bytes as a bound. */
type Expect = Omit<ReplaySummary, 'inflatedBytes'> & { inflatedBytesAtMost?: number };
interface Case {
  file: string;
  parser: string;
  why: string;
  expect: Expect;
}

const corpus = JSON.parse(readFileSync(join(DIR, 'corpus.json'), 'utf8')) as { cases: Case[] };

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  return out;
}

function check(got: ReplaySummary, want: Expect, file: string): void {
  if (want.error) {
    assert.ok(got.error, `expected ${want.error.code}, got a result: ${JSON.stringify(got).slice(0, 300)}`);
    assert.equal(got.error.code, want.error.code);
    assert.equal(got.error.file, file.split('/').at(-1), 'the error names the file');
    assert.equal(got.error.line, want.error.line);
    assert.match(got.error.message, new RegExp(want.error.message));
    return;
  }
  assert.equal(got.error, undefined, `unexpected error: ${got.error?.message}`);
  if (want.components) assert.deepEqual(got.components, want.components);
  if (want.files) assert.deepEqual(got.files, want.files);
  if (want.links) assert.deepEqual(got.links, want.links);
  if (want.messages !== undefined) assert.equal(got.messages, want.messages);
  if (want.advisories) assert.deepEqual(got.advisories, want.advisories);
  if (want.inflatedBytesAtMost !== undefined)
    assert.ok((got.inflatedBytes ?? Infinity) <= want.inflatedBytesAtMost, `inflated ${got.inflatedBytes}`);
  if (want.problems) {
    assert.equal(got.problems?.length, want.problems.length, JSON.stringify(got.problems).slice(0, 600));
    want.problems.forEach((p, i) => {
      const g = got.problems![i]!;
      assert.equal(g.code, p.code);
      if (p.line !== undefined) assert.equal(g.line, p.line);
      assert.match(g.message, new RegExp(p.message));
    });
  }
  if (want.skipped) {
    assert.equal(got.skipped?.length, want.skipped.length, JSON.stringify(got.skipped));
    want.skipped.forEach((s, i) => {
      assert.match(got.skipped![i]!.path, new RegExp(s.path));
      assert.match(got.skipped![i]!.reason, new RegExp(s.reason));
    });
  }
}

describe('hostile corpus', () => {
  for (const c of corpus.cases) {
    it(`${c.file}: ${c.why}`, async () => {
      const got = await replayHostile(c.parser, join(DIR, c.file));
      check(got, c.expect, c.file);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
      for (const s of strings(sanitizeDeep(got)))
        assert.ok(!hasUnsafeText(s), `not inert after sanitising: ${JSON.stringify(s).slice(0, 80)}`);
    });
  }
});
