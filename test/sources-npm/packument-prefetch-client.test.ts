/**
 * A packument prefetched into the store is read from there by its reader: one request in all, counted
 * once as fetched; a prefetch that failed leaves the reader to fetch and report it; nothing is asked
 * offline, for a name already stored, or when no stored copy may be reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packumentPath } from '../helpers/registry-server.js';
import { readPackumentCache } from '../../src/sources/npm/packument-cache.js';
import { isVigilError } from '../../src/core/errors.js';
import { rig, type Rig } from './helpers.js';

/** A fresh rig for `fn`, closed however `fn` ends (a failed assertion must fail the test, not leave the server open). */
async function withRig(fn: (r: Rig) => Promise<void>): Promise<void> {
  const r = await rig();
  try {
    await fn(r);
  } finally {
    await r.close();
  }
}

test('a prefetched packument is stored unparsed, then its reader makes no request and it counts once as fetched', () =>
  withRig(async (r) => {
    const c = r.client();
    await c.prefetchPackument('isexe');
    assert.equal(r.reg.count(packumentPath('isexe')), 1);
    assert.ok(readPackumentCache(r.store, `${r.reg.url}|isexe`), 'in the store');
    const p = await c.getPackument('isexe');
    assert.equal(p.distTags.latest, '2.0.0');
    assert.equal(r.reg.count(packumentPath('isexe')), 1, 'read from the store');
    assert.deepEqual(c.stats().packuments, { fetched: 1, fromCache: 0, revalidated: 0, stale: 0 });
  }));

test('a reader that asks while the prefetch is under way waits for it: one request', () =>
  withRig(async (r) => {
    const c = r.client();
    const [, p] = await Promise.all([c.prefetchPackument('isexe'), c.getPackument('isexe')]);
    assert.equal(p.name, 'isexe');
    assert.equal(r.reg.count(packumentPath('isexe')), 1);
  }));

test('a prefetch that failed is silent; the reader fetches again and reports the failure itself', () =>
  withRig(async (r) => {
    r.reg.misbehave(packumentPath('isexe'), { kind: 'status', status: 404 });
    const c = r.client();
    await c.prefetchPackument('isexe');
    const asked = r.reg.count(packumentPath('isexe'));
    assert.ok(asked >= 1);
    await assert.rejects(c.getPackument('isexe'), (e) => isVigilError(e) && /isexe/.test(e.message));
    assert.ok(r.reg.count(packumentPath('isexe')) > asked, 'the reader asked again');
  }));

test('a body that is not a packument is stored by the prefetch, then fetched again by its reader, which reports it', () =>
  withRig(async (r) => {
    r.reg.misbehave(packumentPath('isexe'), { kind: 'html' });
    const c = r.client();
    await c.prefetchPackument('isexe');
    await assert.rejects(c.getPackument('isexe'), (e) => isVigilError(e) && e.code === 'E_REGISTRY_BODY');
    assert.equal(r.reg.count(packumentPath('isexe')), 2);
  }));

test('nothing is asked offline, for a stored name, or when a stored copy may not be reused (a watch)', () =>
  withRig(async (r) => {
    await r.client({ offline: true }).prefetchPackument('isexe');
    await r.client({ packumentMaxAgeMs: 0 }).prefetchPackument('isexe');
    assert.equal(r.reg.count(), 0);
    await r.client().getPackument('isexe');
    r.reg.reset();
    await r.client().prefetchPackument('isexe');
    assert.equal(r.reg.count(), 0, 'already stored');
  }));

test('a prefetch is one attempt: a failure the reader would retry costs no retry, prints no notice, and the reader still gets it', () =>
  withRig(async (r) => {
    r.reg.misbehave(packumentPath('isexe'), { kind: 'status', status: 503, times: 1 });
    const c = r.client();
    await c.prefetchPackument('isexe');
    assert.equal(r.reg.count(packumentPath('isexe')), 1);
    assert.equal(c.stats().http.retries, 0);
    assert.ok(!r.events.some((e) => e.type === 'info' && /retrying/.test(e.message)), 'no retry notice');
    const p = await c.getPackument('isexe');
    assert.equal(p.name, 'isexe');
    assert.equal(r.reg.count(packumentPath('isexe')), 2);
  }));
