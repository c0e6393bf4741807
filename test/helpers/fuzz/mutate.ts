/**
 * Byte-level mutations of valid seed inputs for the parser fuzzer: flips, hostile tokens, deletions,
 * repeated ranges (amplification: deep nesting, long lines, many entries), truncation and splices of
 * two seeds. Outputs stay under MAX_FUZZ_BYTES so a run's memory bound is a property of the parser.
 */
import fc from 'fast-check';

export const MAX_FUZZ_BYTES = 1 << 20;

/** Fragments that break parsers: structure, escapes, encodings, pollution keys, aliases, traversal. */
const TOKENS: readonly Buffer[] = [
  '\x1b]0;owned\x07',
  '\x1b[2J\x1b[H',
  '\u202e',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '__proto__',
  '"__proto__":{"polluted":true},',
  '"constructor":{"prototype":{"polluted":true}},',
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\n',
  '\r\n',
  '\n\n',
  '\t',
  ' ',
  '-',
  '&a [1,2,3]',
  '*a',
  '<<: *a',
  '!!js/function "x"',
  '../../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\',
  'From nobody Mon Jan  1 00:00:00 2024\n',
  '=?UTF-8?B?',
  '=?x?Q?=ff=',
  'Content-Type: multipart/mixed; boundary=b\n\n--b\n',
  'Content-Transfer-Encoding: base64\n\n',
  '9'.repeat(400),
  '1e999999',
  '-1',
  'NaN',
  'null',
  '0x7fffffffffffffff',
  'file:../x',
  'git+ssh://git@a.invalid/x.git',
  'http://user:secret@a.invalid/x/-/x-1.0.0.tgz',
]
  .map((s) => Buffer.from(s, 'utf8'))
  .concat([Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])]);

type Op =
  | { k: 'flip'; at: number; v: number }
  | { k: 'insert'; at: number; t: number }
  | { k: 'delete'; at: number; len: number }
  | { k: 'repeat'; at: number; len: number; times: number }
  | { k: 'truncate'; at: number }
  | { k: 'splice'; at: number; other: number; from: number; len: number };

const pos = fc.nat();
const repeat = (times: number): fc.Arbitrary<Op> =>
  fc.record({
    k: fc.constant('repeat' as const),
    at: pos,
    len: fc.integer({ min: 1, max: 300 }),
    times: fc.integer({ min: 2, max: times }),
  });

/** Amplification up to MAX_FUZZ_BYTES is rare (about 1 case in 40): it dominates the run time. */
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ k: fc.constant('flip' as const), at: pos, v: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 40, arbitrary: fc.record({ k: fc.constant('insert' as const), at: pos, t: fc.nat(TOKENS.length - 1) }) },
  { weight: 20, arbitrary: fc.record({ k: fc.constant('delete' as const), at: pos, len: fc.integer({ min: 1, max: 256 }) }) },
  { weight: 12, arbitrary: repeat(64) },
  { weight: 1, arbitrary: repeat(20_000) },
  { weight: 10, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: pos }) },
  { weight: 10, arbitrary: fc.record({ k: fc.constant('splice' as const), at: pos, other: fc.nat(), from: pos, len: fc.nat(4096) }) },
);

function apply(b: Buffer, o: Op, seeds: readonly Buffer[], max: number): Buffer {
  const at = o.at % (b.length + 1);
  switch (o.k) {
    case 'flip':
      if (b.length === 0) return b;
      b = Buffer.from(b);
      b[at % b.length] = o.v;
      return b;
    case 'insert':
      return Buffer.concat([b.subarray(0, at), TOKENS[o.t]!, b.subarray(at)]);
    case 'delete':
      return Buffer.concat([b.subarray(0, at), b.subarray(at + o.len)]);
    case 'repeat': {
      const part = b.subarray(at, at + o.len);
      if (part.length === 0) return b;
      const times = Math.max(1, Math.min(o.times, Math.floor((max - b.length) / part.length)));
      return Buffer.concat([b.subarray(0, at), Buffer.alloc(part.length * times, part), b.subarray(at)]);
    }
    case 'truncate':
      return b.subarray(0, at);
    case 'splice': {
      const other = seeds[o.other % seeds.length]!;
      const from = o.from % (other.length + 1);
      return Buffer.concat([b.subarray(0, at), other.subarray(from, from + o.len), b.subarray(at)]);
    }
  }
}

/** Mutated copies of `seeds` (1–6 mutations each, sometimes a seed as is), at most `max` bytes (MAX_FUZZ_BYTES at most). */
export function mutatedInput(seeds: readonly Buffer[], max = MAX_FUZZ_BYTES): fc.Arbitrary<Buffer> {
  max = Math.min(max, MAX_FUZZ_BYTES);
  if (seeds.length === 0) throw new Error('fuzz target without seeds');
  return fc.record({ seed: fc.nat(seeds.length - 1), ops: fc.array(op, { minLength: 0, maxLength: 6 }) }).map(({ seed, ops }) => {
    let b = seeds[seed]!;
    for (const o of ops) {
      b = apply(b, o, seeds, max);
      if (b.length > max) b = b.subarray(0, max);
    }
    return b;
  });
}
