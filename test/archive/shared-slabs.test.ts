/**
 * File bytes read from an archive live in shared memory, so handing a release to a content worker
 * shares them rather than copying each file into the message and out again. The facts computed from
 * shared bytes must equal those from ordinary Buffers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { readArchive, readDirectory, type PackageFiles } from '../../src/sources/archive/index.js';
import { FIRST_SLAB_BYTES, OWN_MAPPING_BYTES, SharedSlabs } from '../../src/sources/archive/shared-slabs.js';
import { contentFacts } from '../../src/analyzers/content/facts.js';
import { CONTENT_FIXTURES } from '../content/helpers.js';
import { gzipSync } from 'node:zlib';
import { makeTar, makeTgz } from './helpers.js';

const received = (port: MessagePort) => new Promise<PackageFiles>((r) => port.once('message', (m) => r(m as PackageFiles)));

test('every file of a tarball is a view of shared memory, and a message to another thread shares it instead of copying', async () => {
  const big = Buffer.alloc(700 * 1024, 7);
  const files = await readArchive(
    await makeTgz([
      { name: 'package/package.json', body: '{"name":"a"}' },
      { name: 'package/index.js', body: 'module.exports = 1;\n' },
      { name: 'package/big.bin', body: big },
    ]),
    { strip: 'npm' },
  );
  for (const f of files.files) assert.ok(f.data?.buffer instanceof SharedArrayBuffer, `${f.path} is in shared memory`);
  assert.deepEqual(files.files.find((f) => f.path === 'big.bin')?.data, big);

  const { port1, port2 } = new MessageChannel();
  try {
    const got = received(port2);
    port1.postMessage(files);
    const copy = await got;
    const there = copy.files.find((f) => f.path === 'index.js')!.data!;
    const here = files.files.find((f) => f.path === 'index.js')!.data!;
    assert.equal(Buffer.from(there.buffer, there.byteOffset, there.byteLength).toString(), 'module.exports = 1;\n');
    there[0] = 0x4d; // the same memory: a write on one side is seen on the other (tests only; file data is read-only)
    assert.equal(here.toString(), 'Module.exports = 1;\n');
  } finally {
    port1.close();
  }
});

test("an archive's first MiB of files shares a main-heap slab; past it, files go to slabs large enough to be mappings of their own", () => {
  const slabs = new SharedSlabs();
  const a = slabs.place([Buffer.from('ab'), Buffer.from('c')], 3);
  const b = slabs.place([Buffer.from('de')], 2);
  const big = slabs.place([Buffer.alloc(1024 * 1024, 1), Buffer.alloc(10, 2)], 1024 * 1024 + 10);
  const after = slabs.place([Buffer.from('fg')], 2);
  assert.equal(a.toString(), 'abc');
  assert.equal(b.toString(), 'de');
  assert.equal(a.buffer, b.buffer, 'one slab');
  assert.equal(a.buffer.byteLength, 1024 * 1024);
  assert.equal(big.length, 1024 * 1024 + 10);
  assert.equal(big[1024 * 1024], 2);
  assert.equal(big.buffer.byteLength, OWN_MAPPING_BYTES, 'above the largest size malloc serves from its main heap');
  assert.equal(after.buffer, big.buffer, 'later files share it');
  assert.equal(after.toString(), 'fg');
  const huge = slabs.place([Buffer.alloc(OWN_MAPPING_BYTES + 1, 3)], OWN_MAPPING_BYTES + 1);
  assert.equal(huge.buffer.byteLength, OWN_MAPPING_BYTES + 1, 'a file larger than a slab gets its own, of its exact size');
});

test('with the size its files can hold at most, the first slab is cut to it; past that, slabs as without it', () => {
  const slabs = new SharedSlabs(5);
  const a = slabs.place([Buffer.from('ab')], 2);
  const b = slabs.place([Buffer.from('cde')], 3);
  assert.equal(a.buffer, b.buffer, 'one slab');
  assert.equal(a.buffer.byteLength, 5, 'no room beyond what the archive can hold');
  assert.equal(b.toString(), 'cde');
  // An expectation that was too small (never from a real tar) costs slabs, never bytes.
  const c = slabs.place([Buffer.from('fgh')], 3);
  assert.equal(c.toString(), 'fgh');
  assert.equal(c.buffer.byteLength, 3);
  const large = new SharedSlabs(10 * 1024 * 1024);
  assert.equal(large.place([Buffer.from('x')], 1).buffer.byteLength, FIRST_SLAB_BYTES, 'never more than the first MiB from the main heap');
});

test("a small gzip tarball's files take one slab of its inflated size, not a MiB each", async () => {
  const tar = await makeTar([
    { name: 'package/package.json', body: '{"name":"a"}' },
    { name: 'package/index.js', body: 'module.exports = 1;\n'.repeat(100) },
  ]);
  const files = await readArchive(gzipSync(tar), { strip: 'npm' });
  const slabs = new Set(files.files.map((f) => f.data!.buffer));
  assert.equal(slabs.size, 1);
  assert.equal([...slabs][0]!.byteLength, tar.length);
  assert.equal(files.files.find((f) => f.path === 'index.js')?.data?.toString(), 'module.exports = 1;\n'.repeat(100));
});

test('content facts of shared-memory files equal those of the same bytes in ordinary Buffers (hostile fixtures)', async () => {
  for (const name of [
    'install-env-exfil',
    'string-array-obfuscated',
    'appended-loader',
    'xz-test-payload',
    'elf-disguised',
    'packed-eval',
  ]) {
    const shared = await readDirectory(join(CONTENT_FIXTURES, name), { origin: name });
    const plain: PackageFiles = { ...shared, files: shared.files.map((f) => ({ ...f, ...(f.data ? { data: Buffer.from(f.data) } : {}) })) };
    assert.ok(shared.files.some((f) => f.data?.buffer instanceof SharedArrayBuffer));
    assert.ok(!plain.files.some((f) => f.data?.buffer instanceof SharedArrayBuffer));
    assert.deepEqual(contentFacts(shared), contentFacts(plain), name);
  }
});
