/**
 * The two body protections every non-registry fetch shares: `guardBody` (stall and minimum rate,
 * judged only while the reader waits) and `readCapped` (a byte cap, declared or streamed, with an
 * error naming the URL without its credentials, and the cap).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isVigilError } from '../../src/core/errors.js';
import { guardBody } from '../../src/sources/net/body-guard.js';
import { readCapped } from '../../src/sources/net/read-capped.js';

const URL_WITH_PASSWORD = 'http://mirror-user:s3cret-pass@mirror.invalid/debian/dists/x/InRelease';

/** A Response whose body yields `chunks`, then (if `hang`) never ends. */
function responseOf(chunks: Uint8Array[], o: { hang?: boolean; headers?: Record<string, string> } = {}): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < chunks.length) c.enqueue(chunks[i++]!);
      else if (!o.hang) c.close();
      else return new Promise<void>(() => {});
    },
  });
  return new Response(body, { status: 200, headers: o.headers ?? {} });
}

test('readCapped: a streamed body over the cap stops there, naming the URL without its password, and the cap', async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled++;
      c.enqueue(new Uint8Array(1000));
    },
  });
  await assert.rejects(readCapped(new Response(endless), URL_WITH_PASSWORD, 4096, { what: 'the cap for a test' }), (e: unknown) => {
    assert.ok(isVigilError(e, 'E_REGISTRY_BODY'));
    assert.equal(e.message, 'GET http://***@mirror.invalid/debian/dists/x/InRelease: body larger than 4096 bytes (the cap for a test)');
    assert.doesNotMatch(e.message + (e.subject ?? ''), /s3cret/);
    return true;
  });
  assert.ok(pulled <= 8, `stopped reading at the cap (${pulled} chunks)`);
});

test('readCapped: a declared Content-Length over the cap is refused before reading; a body within it is returned whole', async () => {
  await assert.rejects(
    readCapped(responseOf([], { hang: true, headers: { 'content-length': '5000' } }), 'http://m.invalid/a', 4096, { code: 'E_INTEGRITY' }),
    (e: unknown) => isVigilError(e, 'E_INTEGRITY') && /body larger than 4096 bytes$/.test(e.message),
  );
  const ok = await readCapped(responseOf([Buffer.from('abc'), Buffer.from('def')]), 'http://m.invalid/b', 6);
  assert.equal(ok.toString(), 'abcdef');
});

test('guardBody: a body that goes silent fails on the stall limit with a timeout naming the URL', async () => {
  const res = guardBody(responseOf([Buffer.from('x')], { hang: true }), URL_WITH_PASSWORD, {
    stallMs: 50,
    minBytesPerSec: 0,
    rateWindowMs: 60_000,
  });
  await assert.rejects(res.arrayBuffer(), (e: unknown) => {
    assert.ok(isVigilError(e, 'E_REGISTRY_TIMEOUT'));
    assert.match(
      e.message,
      /^GET http:\/\/\*\*\*@mirror\.invalid\/debian\/dists\/x\/InRelease: body stalled: no data for 50 ms after 1 bytes$/,
    );
    return true;
  });
});

test('guardBody: a slow reader is not blamed on the server (the rate is judged only while the reader waits)', async () => {
  const data = Array.from({ length: 4 }, () => new Uint8Array(10));
  const res = guardBody(responseOf(data), 'http://m.invalid/slow-reader', { stallMs: 60_000, minBytesPerSec: 1_000_000, rateWindowMs: 20 });
  const reader = res.body!.getReader();
  let got = 0;
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    got += r.value.byteLength;
    // The reader dawdles for several rate windows between reads; the server had every byte ready.
    await new Promise((r) => setTimeout(r, 120));
  }
  assert.equal(got, 40);
});
