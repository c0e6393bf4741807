/** The discussion lexicon is data with provenance; bad entries are errors naming file and entry. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LEXICON_FILE, parseLexicon, PHRASES } from '../../src/analyzers/discussion/lexicon.js';
import { isVigilError } from '../../src/core/errors.js';

test('the lexicon file carries provenance and only general wording', () => {
  const doc = JSON.parse(readFileSync(LEXICON_FILE, 'utf8')) as { provenance?: string; phrases: { pattern: string }[] };
  assert.ok((doc.provenance ?? '').length > 100);
  assert.equal(PHRASES.length, doc.phrases.length);
  // No product names, no one sender's misspelling or verbatim sentence.
  for (const p of doc.phrases) assert.doesNotMatch(p.pattern, /\bxz\b|suprise|desires|with your current rate|lost interest or/i, p.pattern);
  const hit = (s: string) => PHRASES.filter((p) => p.re.test(s)).map((p) => p.id);
  assert.deepEqual(hit('please pass on maintainership to someone with more time'), ['pass-on-maintainership']);
  assert.deepEqual(hit('it is sad to see this project rot'), ['sad-for-repo']);
});

test('a malformed lexicon names the file and the entry', () => {
  const bad = (phrases: unknown) => () => parseLexicon(JSON.stringify({ phrases }), 'lex.json');
  assert.throws(
    bad([{ id: 'x', category: 'handover', weight: 2, pattern: '(' }]),
    (e: unknown) => isVigilError(e, 'E_CONFIG') && /lex\.json: phrases\[0\] \(x\): invalid pattern/.test((e as Error).message),
  );
  assert.throws(
    bad([{ id: 'y', category: 'rumour', weight: 2, pattern: 'a' }]),
    (e: unknown) => isVigilError(e, 'E_CONFIG') && /phrases\[0\] \(y\)/.test((e as Error).message),
  );
  assert.throws(
    () => parseLexicon('{', 'lex.json'),
    (e: unknown) => isVigilError(e, 'E_CONFIG') && /lex\.json: not JSON/.test((e as Error).message),
  );
});
