/**
 * A large package is analysed in slices (split.ts): its files' facts are computed by several tasks
 * and joined. The joined facts must be the JSON contentFacts gives in one pass — on every content
 * and malicious fixture (install scripts, shell idioms, blobs named by build files, links), cut
 * down to one file per slice — and through the real worker pool the package must be spread over
 * more than one task. Files already read in the scan (the previous release's) are not read again.
 */
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleFacts, contentFacts, fileFacts } from '../../src/analyzers/content/facts.js';
import { createContentPool } from '../../src/analyzers/content/pool.js';
import { FileFactsMemo, slicesOf, splitFacts, SPLIT_MIN_BYTES, type SplitRunner } from '../../src/analyzers/content/split.js';
import { readDirectory } from '../../src/sources/archive/index.js';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import { filesOf } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function packageDirs(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (!statSync(p).isDirectory()) return [];
    return existsSync(join(p, 'package.json')) ? [p] : packageDirs(p);
  });
}

const inProcess = (calls: string[]): SplitRunner => ({
  slice: async (files) => {
    calls.push(`slice ${files.map((f) => f.path).join(',')}`);
    return files.map(fileFacts);
  },
  assemble: async (task) => {
    calls.push('assemble');
    return assembleFacts(task.assemble, task.scanned);
  },
});

test('facts joined from one-file slices equal the one-pass facts, on every fixture', async () => {
  const dirs = [...packageDirs(join(FIXTURES, 'content')), ...packageDirs(join(FIXTURES, 'malicious'))];
  assert.ok(dirs.length > 80, `found ${dirs.length} fixtures`);
  let split = 0;
  for (const dir of dirs) {
    const files = await readDirectory(dir, { origin: dir });
    const slices = slicesOf(files, 0, 1);
    if (!slices) continue;
    assert.equal(slices.length, files.files.length, dir);
    const calls: string[] = [];
    const joined = await splitFacts(files, slices, 2, inProcess(calls));
    assert.equal(JSON.stringify(joined), JSON.stringify(contentFacts(files)), dir);
    assert.equal(calls.length, slices.length + 1);
    assert.equal(calls.at(-1), 'assemble');
    split++;
  }
  assert.ok(split > 80, `${split} fixtures split`);
});

test('a blob is linked to the files that name it, also when they are decoded in another slice', async () => {
  const files = filesOf({
    'package.json': '{"name":"blobby","version":"1.0.0"}',
    'tests/files/bad-3-corrupt_lzma2.xz': Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(2048, 7)]),
    'm4/build-to-host.m4': 'gl_path_map=\'tr "\\t \\-_" " \\t_\\-"\'\nxz -d < $srcdir/tests/files/bad-3-corrupt_lzma2.xz | sh\n',
    'src/naming.js': 'const name = "bad-3-corrupt_lzma2.xz"; module.exports = name;',
    'src/other.js': 'module.exports = "ünïcödé bad-3-corrupt_lzma2";',
  });
  const joined = await splitFacts(files, slicesOf(files, 0, 1)!, 1, inProcess([]));
  assert.deepEqual(joined, contentFacts(files));
  assert.deepEqual(joined.blobs[0]?.referencedBy, { source: ['src/naming.js'], build: ['m4/build-to-host.m4'] });
});

test('small packages are not split; large ones are cut in path order, each slice near the slice size', () => {
  assert.equal(slicesOf(filesOf({ 'package.json': '{}', 'a.js': 'x' })), undefined);
  const chunk = 'x'.repeat(1024 * 1024);
  const entries: Record<string, string> = { 'package.json': '{}' };
  for (let i = 0; i < Math.ceil(SPLIT_MIN_BYTES / chunk.length) + 2; i++) entries[`dist/f${String(i).padStart(2, '0')}.js`] = chunk;
  const big = filesOf(entries);
  const slices = slicesOf(big)!;
  assert.ok(slices.length > 1);
  const order = slices.flat().map((f) => f.path);
  assert.deepEqual(order, [...order].sort());
  assert.equal(order.length, big.files.length);
});

test('the first failing slice ends the package: slices not yet started are not run', async () => {
  const files = filesOf(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}.js`, `module.exports = ${i};`])));
  const slices = slicesOf(files, 0, 1)!;
  let started = 0;
  const failing: SplitRunner = {
    slice: async () => {
      started++;
      throw new Error('slice failed');
    },
    assemble: async () => assert.fail('no join after a failure'),
  };
  await assert.rejects(splitFacts(files, slices, 2, failing), /slice failed/);
  assert.equal(started, 2, 'one slice per lane was started, then nothing more');
});

test('through the worker pool, a large package is spread over several tasks and its facts are the one-pass facts', async () => {
  const pool = createContentPool({ maxThreads: 2, split: { minBytes: 1, sliceBytes: 1 } });
  try {
    const packages: PackageFiles[] = await Promise.all(
      ['install-env-exfil', 'xz-test-payload', 'binding-gyp-command'].map((n) =>
        readDirectory(join(FIXTURES, 'content', n), { origin: n }),
      ),
    );
    for (const files of packages) {
      const before = pool.tasks;
      // A release of another package: nothing it holds was read before in this pool.
      const facts = await pool.facts(files);
      assert.equal(pool.tasks - before, files.files.length + 1, `${files.origin}: one task per file, and the join`);
      assert.equal(JSON.stringify(facts), JSON.stringify(contentFacts(files)), files.origin);
    }
  } finally {
    await pool.close();
  }
});

test('the next release of a split package reads only its changed files; its facts are still its own', async () => {
  const release = (version: string, changed: string): PackageFiles =>
    filesOf({
      'package.json': JSON.stringify({ name: 'twice', version, scripts: { postinstall: 'node install.js' } }),
      'install.js': `require('./lib/${changed}');`,
      'lib/same.js': 'module.exports = require("https").get("https://example.test/");',
      'lib/decode.js': 'eval(Buffer.from(process.argv[2], "base64").toString());',
      [`lib/${changed}`]: `require('child_process').exec(process.env.CMD_${version.replace(/\./g, '_')});`,
    });
  const memo = new FileFactsMemo();
  const calls: string[] = [];
  const first = release('1.0.0', 'a.js');
  assert.deepEqual(await splitFacts(first, slicesOf(first, 0, 1)!, 2, inProcess(calls), memo), contentFacts(first));
  assert.equal(calls.filter((c) => c.startsWith('slice')).length, 5);
  calls.length = 0;
  const second = release('1.0.1', 'b.js');
  const again = await splitFacts(second, slicesOf(second, 0, 1)!, 2, inProcess(calls), memo);
  assert.deepEqual(calls.sort(), ['assemble', 'slice install.js', 'slice lib/b.js', 'slice package.json']);
  assert.equal(JSON.stringify(again), JSON.stringify(contentFacts(second)));
  // Reading the memo twice gives the same facts: a join does not change the file facts it was given.
  assert.equal(JSON.stringify(await splitFacts(second, slicesOf(second, 0, 1)!, 2, inProcess([]), memo)), JSON.stringify(again));
});

test('the memo keeps at most its bound, by path and content', () => {
  const memo = new FileFactsMemo(2);
  const f = (path: string, text: string) => ({ path, size: text.length, data: Buffer.from(text) });
  const keys = [f('a.js', 'x'), f('b.js', 'x'), f('a.js', 'y')].map((x) => memo.key(x));
  assert.equal(new Set(keys).size, 3, 'same content under another path, or another content under the same path, is another file');
  keys.forEach((k, i) => memo.set(k, { path: String(i) }));
  assert.equal(memo.size, 2);
  assert.equal(memo.get(keys[0]), undefined);
  assert.equal(memo.get(keys[2])?.path, '2');
  assert.equal(memo.key({ path: 'l', size: 0, linkTarget: 'x' }), undefined);
});

test('the memo names content by SHA-256, so a SHA-1 collision cannot pass one file off as another', () => {
  const data = Buffer.from('module.exports = 1;');
  const key = new FileFactsMemo().key({ path: 'a.js', size: data.length, data });
  assert.ok(key !== undefined);
  assert.ok(key.includes(createHash('sha256').update(data).digest('base64')), key);
  assert.ok(!key.includes(createHash('sha1').update(data).digest('base64')), key);
});
