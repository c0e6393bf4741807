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
import { SharedSlabs } from '../../src/sources/archive/shared-slabs.js';
import { contentFacts } from '../../src/analyzers/content/facts.js';
import { CONTENT_FIXTURES } from '../content/helpers.js';
import { makeTgz } from './helpers.js';

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

test('small files share a slab; a large one gets its own of its exact size; the bytes are the chunks joined', () => {
  const slabs = new SharedSlabs();
  const a = slabs.place([Buffer.from('ab'), Buffer.from('c')], 3);
  const b = slabs.place([Buffer.from('de')], 2);
  const big = slabs.place([Buffer.alloc(600 * 1024, 1), Buffer.alloc(10, 2)], 600 * 1024 + 10);
  assert.equal(a.toString(), 'abc');
  assert.equal(b.toString(), 'de');
  assert.equal(a.buffer, b.buffer, 'one slab');
  assert.equal(big.buffer.byteLength, 600 * 1024 + 10);
  assert.equal(big[600 * 1024], 2);
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
