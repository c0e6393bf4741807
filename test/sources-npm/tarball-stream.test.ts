/**
 * A large tarball is read as it downloads (getTarballFiles): the files equal those read from the
 * whole verified bytes, the compressed body is never held whole, and an integrity mismatch or a
 * body that is not gzip fails exactly as a buffered download does, with no files handed out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { tarballPath } from '../helpers/registry-server.js';
import { isVigilError } from '../../src/core/errors.js';
import { IntegrityError } from '../../src/sources/npm/http-errors.js';
import { readArchive, readTgzStream } from '../../src/sources/archive/index.js';
import type { TarballReaders } from '../../src/sources/npm/client.js';
import { makeTgz } from '../archive/helpers.js';
import { rig } from './helpers.js';

const sriOf = (b: Buffer) => `sha512-${createHash('sha512').update(b).digest('base64')}`;

/** Readers that count how the body went: whole (bytes) or streamed, and the most compressed bytes ever waiting for the reader. */
function countingReaders(sent: () => number) {
  const seen = { whole: 0, streamed: 0, maxWaiting: 0, consumed: 0 };
  const read: TarballReaders = {
    bytes: (b) => {
      seen.whole++;
      return readArchive(b, { strip: 'npm' });
    },
    stream: (s: Readable) => {
      seen.streamed++;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen.consumed += chunk.length;
          seen.maxWaiting = Math.max(seen.maxWaiting, sent() - seen.consumed);
          done(null, chunk);
        },
      });
      s.on('error', (e) => counter.destroy(e));
      return readTgzStream(s.pipe(counter), { strip: 'npm' });
    },
  };
  return { read, seen };
}

/** A 6 MiB tarball of incompressible content: its compressed body is about as large. */
async function bigTarball(): Promise<Buffer> {
  return makeTgz([
    { name: 'package/package.json', body: '{"name":"big","version":"1.0.0"}' },
    { name: 'package/a.bin', body: randomBytes(3 * 1024 * 1024) },
    { name: 'package/b.js', body: 'module.exports = 1;\n' },
    { name: 'package/c.bin', body: randomBytes(3 * 1024 * 1024) },
  ]);
}

test('a large download is read as it arrives: same files as from the whole bytes, and never more than a few chunks waiting', async () => {
  const r = await rig();
  const tgz = await bigTarball();
  r.reg.addTarball('isexe', '9.0.0', tgz);
  const c = r.client({ streamMinBytes: 1024 * 1024 });
  let sent = 0;
  const { read, seen } = countingReaders(() => sent);
  // What the download handed to the reader's stream so far (each chunk is pushed to its readable side).
  const streamReader: TarballReaders = {
    bytes: read.bytes,
    stream: (s) => {
      const push = s.push.bind(s);
      s.push = (chunk: unknown, enc?: BufferEncoding) => {
        if (Buffer.isBuffer(chunk)) sent += chunk.length;
        return push(chunk, enc);
      };
      return read.stream(s);
    },
  };
  const got = await c.getTarballFiles('isexe', '9.0.0', { integrity: sriOf(tgz) }, streamReader);
  const whole = await readArchive(tgz, { strip: 'npm' });
  assert.equal(seen.streamed, 1, 'read as it arrived');
  assert.equal(seen.whole, 0);
  assert.deepEqual(
    got.files.files.map((f) => [f.path, f.size, f.data && createHash('sha1').update(f.data).digest('hex')]),
    whole.files.map((f) => [f.path, f.size, f.data && createHash('sha1').update(f.data).digest('hex')]),
  );
  assert.equal(got.files.totalSize, whole.totalSize);
  assert.equal(got.integrity, sriOf(tgz));
  assert.equal(got.fromCache, false);
  assert.equal(seen.consumed, tgz.length, 'every byte went through the reader');
  assert.ok(seen.maxWaiting < 1024 * 1024, `at most ${seen.maxWaiting} compressed bytes waited for the reader, of ${tgz.length}`);
  assert.equal(r.store.getCache('tarball', sriOf(tgz)), undefined, 'not kept without --keep-tarballs');
  await r.close();
});

test('a download under the streaming size, or with --keep-tarballs, is read from the whole verified bytes', async () => {
  const r = await rig();
  const tgz = await bigTarball();
  r.reg.addTarball('isexe', '9.0.0', tgz);
  const { read, seen } = countingReaders(() => 0);
  const small = await r.client({ streamMinBytes: tgz.length + 1 }).getTarballFiles('isexe', '9.0.0', { integrity: sriOf(tgz) }, read);
  assert.deepEqual(seen, { whole: 1, streamed: 0, maxWaiting: 0, consumed: 0 });
  const kept = await r.client({ streamMinBytes: 0, keepTarballs: true }).getTarballFiles('isexe', '9.0.0', { integrity: sriOf(tgz) }, read);
  assert.equal(seen.whole, 2);
  assert.equal(seen.streamed, 0);
  assert.ok(r.store.getCache('tarball', sriOf(tgz)), 'kept whole in the store');
  assert.deepEqual(
    kept.files.files.map((f) => f.path),
    small.files.files.map((f) => f.path),
  );
  await r.close();
});

test('a streamed download that does not match its integrity: E_INTEGRITY with the same digests as a buffered one, no files', async () => {
  const r = await rig();
  const tgz = await bigTarball();
  r.reg.addTarball('isexe', '9.0.0', tgz);
  r.reg.misbehave(tarballPath('isexe', '9.0.0'), { kind: 'wrong-bytes' });
  const { read } = countingReaders(() => 0);
  const c = r.client({ streamMinBytes: 0 });
  const err = await c.getTarballFiles('isexe', '9.0.0', { integrity: sriOf(tgz) }, read).then(
    () => assert.fail('files handed out'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof IntegrityError);
  const wrong = Buffer.from(tgz);
  wrong[wrong.length - 1] = (wrong[wrong.length - 1] as number) ^ 0xff;
  assert.equal(err.expected, sriOf(tgz));
  assert.equal(err.actual, sriOf(wrong));
  assert.equal(err.actualSha512, sriOf(wrong));
  assert.equal(c.stats().http.retries, 0, 'a mismatch is not retried');
  assert.equal(r.store.getCache('tarball', sriOf(tgz)), undefined);
  // A sha1 expectation (packument shasum) reports the sha1 it got, and the sha512 beside it.
  const sha1 = `sha1-${createHash('sha1').update(tgz).digest('base64')}`;
  await assert.rejects(
    c.getTarballFiles('isexe', '9.0.0', { integrity: sha1 }, read),
    (e: unknown) =>
      e instanceof IntegrityError &&
      e.actual === `sha1-${createHash('sha1').update(wrong).digest('base64')}` &&
      e.actualSha512 === sriOf(wrong),
  );
  await r.close();
});

test('a streamed body that is not gzip: E_ARCHIVE when it matches its integrity, E_INTEGRITY first when it does not', async () => {
  const r = await rig();
  const junk = Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(64 * 1024)]);
  r.reg.addTarball('isexe', '9.9.9', junk);
  const { read, seen } = countingReaders(() => 0);
  const c = r.client({ streamMinBytes: 0 });
  await assert.rejects(
    c.getTarballFiles('isexe', '9.9.9', { integrity: sriOf(junk) }, read),
    (e: unknown) => isVigilError(e, 'E_ARCHIVE') && e.subject === 'isexe@9.9.9' && /not gzip-compressed/.test(e.message),
  );
  assert.equal(seen.consumed, 0, 'nothing that is not gzip reaches the reader');
  await assert.rejects(c.getTarballFiles('isexe', '9.9.9', { integrity: sriOf(Buffer.from('other')) }, read), (e: unknown) =>
    isVigilError(e, 'E_INTEGRITY'),
  );
  await r.close();
});

test('a damaged gzip stream that matches its integrity fails as E_ARCHIVE naming the release, as the buffered path does', async () => {
  const r = await rig();
  const tgz = await bigTarball();
  const damaged = Buffer.from(tgz);
  damaged.fill(0x55, 4096, 8192);
  r.reg.addTarball('isexe', '9.0.1', damaged);
  const { read } = countingReaders(() => 0);
  const streamed = await r
    .client({ streamMinBytes: 0 })
    .getTarballFiles(
      'isexe',
      '9.0.1',
      { integrity: sriOf(damaged) },
      {
        bytes: read.bytes,
        stream: (s) => readTgzStream(s, { strip: 'npm', origin: 'isexe@9.0.1' }),
      },
    )
    .then(
      () => assert.fail('files handed out'),
      (e: unknown) => e,
    );
  const buffered = await readArchive(damaged, { strip: 'npm', origin: 'isexe@9.0.1' }).then(
    () => assert.fail('read'),
    (e: unknown) => e,
  );
  assert.ok(isVigilError(streamed, 'E_ARCHIVE'), String(streamed));
  assert.ok(isVigilError(buffered, 'E_ARCHIVE'));
  assert.equal(streamed.message, buffered.message);
  await r.close();
});

test('a download that fails midway (aborted at its timeout) fails the read as E_ARCHIVE, and throws nothing past it', async () => {
  const tgz = await bigTarball();
  const uncaught: unknown[] = [];
  const note = (e: unknown) => uncaught.push(e);
  process.on('uncaughtException', note);
  try {
    const input = new PassThrough();
    input.on('error', () => {});
    const reading = readTgzStream(input, { strip: 'npm', origin: 'big@1.0.0', inputBytes: tgz.length });
    input.write(tgz.subarray(0, 1024 * 1024));
    setImmediate(() => input.destroy(new Error('no complete answer within 1 ms')));
    await assert.rejects(reading, (e) => isVigilError(e) && e.code === 'E_ARCHIVE' && /big@1\.0\.0/.test(e.message));
    await new Promise((go) => setTimeout(go, 20));
    assert.deepEqual(uncaught, [], 'the decoder heard the failure; no stream was left to throw it');
  } finally {
    process.off('uncaughtException', note);
  }
});
