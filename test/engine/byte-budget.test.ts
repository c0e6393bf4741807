/** The in-flight byte budget: components wait for room; a release larger than the budget runs alone. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createByteBudget } from '../../src/engine/byte-budget.js';
import { runComponent, UNKNOWN_SIZE_RATIO } from '../../src/engine/component-runner.js';
import { contentAnalyzer } from '../../src/analyzers/content/analyzer.js';
import type { ComponentAnalyzer } from '../../src/analyzers/types.js';
import { comp, filesOf, inventoryOf, manifestOf, packumentOf, servicesOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';

const tick = () => new Promise((r) => setImmediate(r));

test('acquire waits until the bytes fit, in arrival order, and release is idempotent', async () => {
  const b = createByteBudget(100);
  const r1 = await b.acquire(60);
  let second = false;
  let third = false;
  const p2 = b.acquire(50).then((r) => ((second = true), r));
  const p3 = b.acquire(10).then((r) => ((third = true), r));
  await tick();
  assert.equal(second, false, '60 + 50 > 100: waits');
  assert.equal(third, false, 'a later small request does not overtake the waiting one');
  r1();
  r1();
  const r2 = await p2;
  const r3 = await p3;
  assert.equal(b.used, 60, 'released once only: 50 + 10 held');
  r2();
  r3();
  assert.equal(b.used, 0);
});

test('a release larger than the budget runs alone; hold goes over the budget without waiting', async () => {
  const b = createByteBudget(100);
  const small = await b.acquire(30);
  let big = false;
  const pb = b.acquire(10_000).then((r) => ((big = true), r));
  await tick();
  assert.equal(big, false, 'waits for the others to finish');
  const extra = b.hold(500);
  assert.equal(b.used, 530);
  small();
  extra();
  const rb = await pb;
  assert.equal(b.used, 100, 'counted as the whole budget');
  rb();
});

test('sizes a registry got wrong do not break the count', async () => {
  const b = createByteBudget(100);
  const r = await b.acquire(Number.NaN);
  assert.equal(b.used, 100);
  r();
  b.hold(-5)();
  b.hold(Number.NaN)();
  assert.equal(b.used, 0);
});

test('every hold released is reported once, with the bytes it held', async () => {
  const seen: number[] = [];
  const b = createByteBudget(100, (n) => seen.push(n));
  const r1 = await b.acquire(60);
  const r2 = b.hold(25);
  r1();
  r1();
  r2();
  assert.deepEqual(seen, [60, 25]);
});

describe('a streamed release whose packument gives no unpacked size', () => {
  /** Runs one component whose tarball is read as a stream of `compressed` bytes; returns the budget held while it was read. */
  async function heldWhileReading(unpackedSize: number | undefined, compressed: number): Promise<{ during: number; after: number }> {
    const budget = createByteBudget(64 * 1024 * 1024);
    const c = comp('bin', '1.0.0', { integrity: 'sha512-x' });
    const m = manifestOf('bin', '1.0.0', unpackedSize === undefined ? {} : { dist: { tarball: 'x', unpackedSize } });
    let during = -1;
    await runComponent(c, [contentAnalyzer], {
      npm: {
        registryUrl: () => 'http://127.0.0.1/',
        getPackument: async () => packumentOf(m),
        getTarball: async () => assert.fail('read as a stream'),
        getTarballFiles: async (_n, _v, _o, read) => ({
          files: await read.stream(Readable.from([Buffer.alloc(0)]), read.origin, compressed),
          integrity: 'sha512-x',
          fromCache: false,
          verifiedAgainst: 'lockfile',
          url: 'x',
        }),
      },
      readPackage: async () => assert.fail('read as a stream'),
      readPackageStream: async (_s, origin) => {
        during = budget.used;
        return { ...filesOf({ 'package.json': '{"name":"bin"}' }), origin };
      },
      store: new MemoryStore(),
      inventory: inventoryOf(c),
      offline: false,
      services: servicesOf(),
      budget,
    });
    return { during, after: budget.used };
  }

  test('holds UNKNOWN_SIZE_RATIO times its compressed size while it is read, and nothing after', async () => {
    const r = await heldWhileReading(undefined, 30_000_000);
    assert.ok(r.during >= 30_000_000 * UNKNOWN_SIZE_RATIO, `${r.during} bytes held`);
    assert.equal(r.after, 0);
  });

  test('a download that declares no length or a nonsensical one holds nothing extra, and a huge one is given back after', async () => {
    assert.deepEqual(await heldWhileReading(undefined, Number.NaN), { during: 1024 * 1024, after: 0 });
    assert.deepEqual(await heldWhileReading(undefined, -5), { during: 1024 * 1024, after: 0 });
    const huge = await heldWhileReading(undefined, 2 ** 40);
    assert.ok(huge.during >= 2 ** 40 * UNKNOWN_SIZE_RATIO);
    assert.equal(huge.after, 0);
  });

  test('a release whose packument gives its size holds that size, not a guess', async () => {
    const r = await heldWhileReading(5_000_000, 30_000_000);
    assert.equal(r.during, 5_000_000);
    assert.equal(r.after, 0);
  });
});

test('resize gives back what a hold no longer needs (not reported as dropped content) or takes more without waiting', async () => {
  const seen: number[] = [];
  const b = createByteBudget(100, (n) => seen.push(n));
  const big = await b.acquire(90);
  let next = false;
  const pn = b.acquire(50).then((r) => ((next = true), r));
  await tick();
  assert.equal(next, false);
  big.resize(20);
  const r = await pn;
  assert.equal(next, true, 'the room given back let the waiting one in');
  assert.equal(b.used, 70);
  big.resize(150);
  assert.equal(b.used, 200, 'over the budget, at once');
  big();
  big.resize(10);
  assert.equal(b.used, 50, 'nothing once released');
  r();
  assert.deepEqual(seen, [150, 50], 'only releases report dropped content');
});

test('a release holds what it kept, not the unpacked size its packument gave, while it is analysed', async () => {
  const budget = createByteBudget(64 * 1024 * 1024);
  const c = comp('bin', '1.0.0', { integrity: 'sha512-x' });
  const m = manifestOf('bin', '1.0.0', { dist: { tarball: 'x', unpackedSize: 50_000_000 } });
  const files = filesOf({ 'package.json': '{"name":"bin"}' });
  let whileAnalysed = -1;
  await runComponent(
    c,
    [
      {
        id: 'probe',
        version: '1',
        code: [],
        kind: 'component',
        needs: { tarball: true, packument: false, network: false },
        rules: [],
        appliesTo: () => true,
        analyze: () => {
          whileAnalysed = budget.used;
          return { findings: [] };
        },
      } as unknown as ComponentAnalyzer,
    ],
    {
      npm: {
        registryUrl: () => 'http://127.0.0.1/',
        getPackument: async () => packumentOf(m),
        getTarball: async () => ({ bytes: Buffer.from('x'), integrity: 'sha512-x', fromCache: false }),
      },
      readPackage: async (_b, origin) => ({ ...files, origin }),
      store: new MemoryStore(),
      inventory: inventoryOf(c),
      offline: false,
      services: servicesOf(),
      budget,
    },
  );
  assert.ok(whileAnalysed > 0 && whileAnalysed < 1000, `held ${whileAnalysed} bytes while analysed`);
  assert.equal(budget.used, 0);
});
