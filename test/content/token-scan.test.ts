/**
 * TokenScan skips the positions where its regex cannot start and runs the regex anchored at the
 * others: it must find exactly the matches a global search finds (same offsets, same order) and
 * answer `test` the same, for the token regexes content analysis uses and for the regex features
 * its source analysis reads (classes, ranges, groups, quantifiers, lookarounds, escapes), on the
 * detection corpus and on generated texts made of token fragments, white space and wide characters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenScan } from '../../src/analyzers/content/token-scan.js';
import { BEHAVIOUR_GATE, BEHAVIOUR_SITES } from '../../src/analyzers/content/behaviour/js-behaviour.js';
import { corpusTexts, rng } from './helpers.js';

const REGEXES: RegExp[] = [
  BEHAVIOUR_GATE,
  BEHAVIOUR_SITES.regex,
  /(?<![.\w$])eval\s*\(\s*(?!['"`])/,
  /\b(JSON\.stringify|Object\.(?:keys|entries)|btoa)\s*\(\s*process\.env\s*[,)]/,
  /['"](?:base64|hex|base64url)['"]|fromCharCode(?:\.apply)?\(\s*(?:\.\.\.\s*)?(?:\w+,\s*)?\[?\s*(?:\d{1,3}\s*,\s*){7}/,
  /[\u200b-\u200d\u2060\u3164\uffa0\u115f\u1160]/,
  /^[a-p]{4}$|x[^ab]?y|(?:ab|c)+d|<\s*Infinity\b|=\s*require\s*[,;)]/,
  /\u00e9t[eé]|\.{2,3}z|a{0,2}bc/,
  /(?:ab)?cd|(?:xy)*zz|(?:k|l)+m/,
];

function globalStarts(re: RegExp, text: string): number[] {
  return [...text.matchAll(new RegExp(re.source, 'g'))].map((m) => m.index);
}

/** Texts of fragments of the regexes' tokens, cut anywhere, between white space, punctuation and wide characters. */
function generated(count: number): string[] {
  const r = rng(11);
  const words = REGEXES.flatMap((re) => re.source.replace(/\\[bsdw]|[\\()[\]?*+|^$]/g, ' ').split(/\s+/)).filter((w) => w.length > 0);
  const glue = [' ', '\t', '\n', '(', ')', "'", '"', '`', '.', '=', '<', ';', ',', '\u00a0', '\u200b', '\u2028', 'é', '_', '$', '0', '7'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = '';
    for (let n = Math.floor(r() * 40); n > 0; n--) {
      const w = words[Math.floor(r() * words.length)]!;
      const from = r() < 0.7 ? 0 : Math.floor(r() * w.length);
      t += w.slice(from, from + 1 + Math.floor(r() * w.length)) + glue[Math.floor(r() * glue.length)]!.repeat(Math.floor(r() * 3));
    }
    out.push(t);
  }
  return out;
}

test('TokenScan: the matches and the test answer of a global search, on the corpus and on generated texts', () => {
  const corpus = corpusTexts();
  const edges = ['', 'a', 'ev', 'eval(', 'process.env', 'kkm', 'lklm', 'xyxyzz', 'zz', 'abcd', 'acd', 'aabc', 'abc', '...z', 'x.eval (1)'];
  const texts = [...corpus, ...generated(3000), ...edges, edges.join(' ')];
  let matched = 0;
  for (const re of REGEXES) {
    const scan = new TokenScan(re);
    for (const text of texts) {
      const want = globalStarts(re, text);
      assert.deepEqual(scan.matchStarts(text), want, `${re} on ${JSON.stringify(text.slice(0, 80))}`);
      assert.equal(scan.test(text), want.length > 0);
      matched += want.length;
    }
  }
  assert.ok(matched > 5000, `only ${matched} matches: the texts do not exercise the scan`);
});

test('TokenScan: exec from an offset is a global search from there', () => {
  const scan = new TokenScan(BEHAVIOUR_GATE);
  const text = 'fetch(a); x.readFile(p); fetch(b)';
  const m = scan.exec(text, 1);
  assert.equal(m?.index, text.indexOf('readFile'));
  assert.equal(m?.[0], 'readFile');
  assert.equal(scan.exec(text, text.lastIndexOf('fetch') + 1), null);
});

test('TokenScan refuses what its analysis cannot prove (flags, empty matches, broken sources)', () => {
  assert.throws(() => new TokenScan(/fetch/i), /flags/);
  assert.throws(() => new TokenScan(/a*|b/), /can match nothing/);
  assert.throws(() => new TokenScan(/(?:x|)/), /can match nothing/);
  assert.throws(() => new TokenScan(new RegExp('(?<name>a)')), /unsupported group/);
});
