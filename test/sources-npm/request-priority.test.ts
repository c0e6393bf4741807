/**
 * Requests waiting for a connection slot: a tarball (which finishes a component already under way
 * and feeds the content workers) goes before packuments that would start new components; within a
 * priority, in order of asking.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Semaphore } from '../../src/core/semaphore.js';
import { createNpmClient } from '../../src/sources/npm/client.js';
import type { FetchResponse } from '../../src/sources/npm/http.js';
import { openStore } from '../../src/store/open.js';
import { configFor, FIXTURES } from './helpers.js';

const ISEXE_TGZ = readFileSync(join(FIXTURES, 'full-metadata', 'tarballs', 'isexe-2.0.0.tgz'));
const ISEXE_SRI = `sha512-${createHash('sha512').update(ISEXE_TGZ).digest('base64')}`;
const REGISTRY = 'http://127.0.0.1:9/';

function response(body: Buffer): FetchResponse {
  const chunks = [new Uint8Array(body)];
  return {
    status: 200,
    headers: { get: () => null },
    body: {
      getReader: () => ({
        read: async () => (chunks.length ? { done: false, value: chunks.shift() } : { done: true }),
        cancel: async () => {},
      }),
    },
  };
}

test('semaphore waiters are served highest priority first, in order of arrival within one', async () => {
  const s = new Semaphore(1);
  const first = await s.acquire();
  const order: string[] = [];
  const wait = (name: string, priority?: number) =>
    s.acquire(priority).then((release) => {
      order.push(name);
      release();
    });
  const all = [wait('a'), wait('b', 2), wait('c', 1), wait('d', 2), wait('e', 0)];
  first();
  await Promise.all(all);
  assert.deepEqual(order, ['b', 'd', 'c', 'a', 'e']);
});

test('with one connection, a tarball asked for after two packuments is fetched before them', async () => {
  const store = openStore({ path: ':memory:' });
  const asked: string[] = [];
  let unblock!: () => void;
  const blocked = new Promise<void>((r) => (unblock = r));
  const client = createNpmClient({
    config: configFor(REGISTRY),
    store,
    concurrency: 1,
    fetch: async (url) => {
      asked.push(url.slice(REGISTRY.length));
      if (asked.length === 1) await blocked;
      if (url.endsWith('.tgz')) return response(ISEXE_TGZ);
      const name = decodeURIComponent(url.slice(REGISTRY.length));
      return response(
        Buffer.from(
          JSON.stringify({
            name,
            versions: { '1.0.0': { name, version: '1.0.0', dist: { tarball: `${REGISTRY}${name}/-/${name}-1.0.0.tgz` } } },
          }),
        ),
      );
    },
  });
  try {
    const first = client.getPackument('first');
    const b = client.getPackument('b');
    const c = client.getPackument('c');
    const tarball = client.getTarball('isexe', '2.0.0', { integrity: ISEXE_SRI, resolved: `${REGISTRY}isexe/-/isexe-2.0.0.tgz` });
    // Everything is queued behind the first request before it is let go.
    while (asked.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    unblock();
    await Promise.all([first, b, c, tarball]);
    assert.deepEqual(asked, ['first', 'isexe/-/isexe-2.0.0.tgz', 'b', 'c']);
  } finally {
    await client.close();
    store.close();
  }
});
