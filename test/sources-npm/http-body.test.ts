/**
 * The body reader copies a body whose length is declared into one buffer as chunks arrive (a
 * tarball is not held twice, as chunks and joined); an undeclared, coded or longer-than-declared
 * body still comes back whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readBody } from '../../src/sources/npm/http-body.js';
import type { FetchResponse } from '../../src/sources/npm/http-types.js';

const TIMEOUTS = { stallMs: 5000, minBytesPerSec: 0, rateWindowMs: 60_000 };

/**
 * A response whose reader hands out every chunk in the SAME Uint8Array, overwritten for the next
 * read, as a stream reusing its buffer may: a reader that keeps the chunks it got returns garbage.
 */
function response(parts: string[], headers: Record<string, string>): FetchResponse {
  const shared = new Uint8Array(Math.max(...parts.map((p) => p.length)));
  let i = 0;
  return {
    status: 200,
    headers: { get: (n) => headers[n.toLowerCase()] ?? null },
    body: {
      getReader: () => ({
        read: async () => {
          if (i >= parts.length) return { done: true };
          const p = Buffer.from(parts[i++]!);
          shared.set(p);
          return { done: false, value: shared.subarray(0, p.length) };
        },
        cancel: async () => undefined,
      }),
    },
  };
}

const read = (res: FetchResponse) => readBody(res, { url: 'http://registry.invalid/x' }, TIMEOUTS, new AbortController(), () => undefined);

test('a body of declared length is copied as it arrives, not kept as the chunks it came in', async () => {
  const parts = ['alpha-', 'beta--', 'gamma!'];
  const body = await read(response(parts, { 'content-length': '18' }));
  assert.equal(body.toString(), parts.join(''));
});

test('a body longer than declared, of undeclared length, or content-coded comes back whole', async () => {
  // Without a declared length the chunks are kept as they came: this reader must copy nothing it does not own.
  const parts = ['one', 'two', 'three'];
  const copy = (res: FetchResponse) => {
    const reader = res.body!.getReader();
    res.body = {
      getReader: () => ({
        read: async () => ((r) => (r.value ? { ...r, value: Uint8Array.from(r.value) } : r))(await reader.read()),
        cancel: reader.cancel,
      }),
    };
    return res;
  };
  assert.equal((await read(copy(response(parts, {})))).toString(), 'onetwothree');
  assert.equal((await read(copy(response(parts, { 'content-length': '5' })))).toString(), 'onetwothree', 'longer than declared');
  assert.equal((await read(copy(response(parts, { 'content-length': '11', 'content-encoding': 'gzip' })))).toString(), 'onetwothree');
  assert.equal((await read(response(parts, { 'content-length': '40' }))).toString(), 'onetwothree', 'shorter than declared');
});
