/** The one redaction function and the one sanitiser, property-tested with fast-check. */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clearSecrets, redact, redactDeep, registerSecret } from '../../src/core/redact.js';
import { sanitizeDeep, sanitizeText } from '../../src/core/sanitize.js';

const RUNS = Number(process.env.VIGIL_FUZZ_RUNS ?? 300);
afterEach(() => clearSecrets());

const secretChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$()+'.split(''));
const secret = fc.string({ unit: secretChars, minLength: 6, maxLength: 40 });
const hostLabel = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: 1, maxLength: 12 });
const anyText = fc.string({ unit: 'grapheme', maxLength: 60 });

test('credentials in any URL never survive: user-info is masked whatever surrounds it', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('http', 'https', 'git+https', 'ssh'),
      secret,
      secret,
      hostLabel,
      anyText,
      anyText,
      (scheme, user, pass, host, pre, post) => {
        const url = `${scheme}://${user}:${pass}@${host}.invalid/path`;
        const out = redact(`${pre} ${url} ${post}`);
        assert.ok(!out.includes(`${user}:${pass}@`), out);
        assert.ok(out.includes(`${scheme}://***@${host}.invalid/path`), out);
      },
    ),
    { numRuns: RUNS },
  );
});

test('a registered secret is masked anywhere, in any text, and redaction is idempotent', () => {
  fc.assert(
    fc.property(secret, anyText, anyText, anyText, (s, a, b, c) => {
      clearSecrets();
      registerSecret(s);
      const out = redact(`${a}${s}${b}${s}${c}`);
      assert.ok(!out.includes(s), JSON.stringify({ s, out }));
      assert.equal(redact(out), out);
    }),
    { numRuns: RUNS },
  );
});

test('text without credentials is left unchanged', () => {
  const plain = fc.string({ unit: fc.constantFrom(...'abcdefghij KLMNOP0123456789.,/-()\n'.split('')), maxLength: 200 });
  fc.assert(
    fc.property(plain, (t) => assert.equal(redact(t), t)),
    { numRuns: RUNS },
  );
});

test('redacting JSON text keeps it valid JSON with the same shape', () => {
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), secret, (v, s) => {
      clearSecrets();
      registerSecret(s);
      const doc = { v, registry: `https://u:${s}@h.invalid/`, npmrc: `//h.invalid/:_authToken=${s}` };
      const text = redact(JSON.stringify(doc));
      const back = JSON.parse(text) as typeof doc;
      assert.ok(!text.includes(s));
      assert.deepEqual(Object.keys(back), Object.keys(doc));
    }),
    { numRuns: RUNS },
  );
});

test('token shapes and npmrc settings are masked; code evidence words are not', () => {
  const cases: [string, string][] = [
    ['//r.invalid/:_authToken=abcdef123456', '//r.invalid/:_authToken=***'],
    ['Authorization: Bearer abcdefghijklmnop1234', 'Authorization: Bearer ***'],
    [`token npm_${'a'.repeat(36)} leaked`, 'token *** leaked'],
    [`ghp_${'B'.repeat(36)}`, '***'],
    ['GET https://h.invalid/x?sig=abc123&x=1', 'GET https://h.invalid/x?sig=***&x=1'],
    ['NPM_TOKEN=${NPM_TOKEN}', 'NPM_TOKEN=${NPM_TOKEN}'],
    ['fetch(u, { body: process.env.NPM_TOKEN })', 'fetch(u, { body: process.env.NPM_TOKEN })'],
    ['const token = readFileSync(".npmrc")', 'const token = readFileSync(".npmrc")'],
  ];
  for (const [input, expected] of cases) assert.equal(redact(input), expected);
  registerSecret('s3cr3t-value');
  assert.deepEqual(redactDeep({ a: ['x s3cr3t-value y'], 's3cr3t-value': 1 }), { a: ['x *** y'], '***': 1 });
});

test('sanitiser: no control, bidi or separator character survives, printable text is unchanged', () => {
  const hostile = fc.string({
    unit: fc.oneof(
      fc.constantFrom('\x1b', '\x07', '\x9b', '\r', '\u202e', '\u2066', '\u2028', '\x00', '\x7f', '[', ']', ';', '2J', 'm'),
      fc.integer({ min: 0, max: 0x2fff }).map((n) => String.fromCodePoint(n)),
    ),
    maxLength: 80,
  });
  fc.assert(
    fc.property(hostile, (s) => {
      const out = sanitizeText(s);
      assert.ok(
        !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(out),
        JSON.stringify(out),
      );
      assert.equal(sanitizeText(out), out, 'idempotent');
    }),
    { numRuns: RUNS },
  );
  assert.equal(sanitizeText('pkg\x1b]0;pwned\x07name'), 'pkg\\x1b]0;pwned\\x07name');
  assert.equal(sanitizeText('a\x1b[2Jb\u202ec'), 'a\\x1b[2Jb<U+202E>c');
  assert.equal(sanitizeText('line 1\n\tline 2 — ünïcode ✓'), 'line 1\n\tline 2 — ünïcode ✓');
  assert.deepEqual(sanitizeDeep({ n: ['x\x1by'], k: 1 }), { n: ['x\\x1by'], k: 1 });
});

test('redactDeep copies only what it rewrites: versioned purls and e-mail-like text pass as they are', () => {
  const clean = { purl: 'pkg:npm/%40scope/a@1.0.0', who: 'dev@example.invalid', list: ['pkg:npm/b@2.0.0'] };
  const doc = { clean, dirty: { url: 'git+https://me:hunter22pw@h.invalid/r.git', keep: ['x'] } };
  const out = redactDeep(doc);
  assert.equal(out.clean, clean, 'an untouched branch is the same object, not a copy');
  assert.equal(out.dirty.keep, doc.dirty.keep);
  assert.equal(out.dirty.url, 'git+https://***@h.invalid/r.git');
  assert.equal(doc.dirty.url, 'git+https://me:hunter22pw@h.invalid/r.git', 'the input is not mutated');
  assert.deepEqual(Object.keys(out), ['clean', 'dirty']);
});
