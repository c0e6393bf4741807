/**
 * Hostile registries and lockfiles, all on 127.0.0.1: a one-byte drip fails on the minimum transfer
 * rate, a server that never answers is bounded per request (all retries included) and given up
 * after a few failures in a row, the scan deadline stops everything, the retry budget is shared,
 * and lockfile URLs on other hosts (metadata addresses included) are refused and reported.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { fetch as undiciFetch } from 'undici';
import { createHttpClient, type FetchLike, type FetchResponse } from '../../src/sources/npm/http.js';
import { isVigilError } from '../../src/core/errors.js';
import { assertFetchable, judgeResolved, policyFor } from '../../src/sources/npm/source-policy.js';
import { resolvedSourceAnalyzer } from '../../src/analyzers/npm/resolved-source.js';
import { rig, type Rig } from '../sources-npm/helpers.js';
import { comp, inventoryOf, servicesOf } from '../helpers/factories.js';

let silent: Server;
let silentUrl: string;
const sockets = new Set<Socket>();

before(async () => {
  // Accepts connections and never answers.
  silent = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
});

const fast = { baseMs: 1, maxMs: 5 };

test('a body that drips one byte at a time fails on the minimum transfer rate, not after minutes', async () => {
  const r: Rig = await rig();
  try {
    r.reg.misbehave('/isexe', { kind: 'slow-drip', intervalMs: 50 });
    const http = createHttpClient({ retries: 0, timeouts: { stallMs: 5_000, minBytesPerSec: 200, rateWindowMs: 300 } });
    await assert.rejects(http.request({ url: `${r.reg.url}isexe`, subject: 'isexe' }), (e: unknown) => {
      assert.ok(isVigilError(e, 'E_REGISTRY_TIMEOUT'));
      assert.match(e.message, /transfer slower than 200 bytes\/s/);
      assert.match(e.message, /\(isexe\)/);
      return true;
    });
    await http.close();
  } finally {
    await r.close();
  }
});

test('a registry that never answers: one deadline per request across its retries, then the host is given up', async () => {
  // Attempts are counted where they are made. The server's count of accepted connections is not an
  // attempt count: on a loaded machine the client can time out before the server's accept callback
  // has run, so it may read 0.
  let attempts = 0;
  const counting: FetchLike = (url, init) => {
    attempts++;
    return undiciFetch(url, init) as unknown as Promise<FetchResponse>;
  };
  const http = createHttpClient({ fetch: counting, retries: 10, backoff: fast, timeouts: { responseMs: 100, requestMs: 350 } });
  await assert.rejects(
    http.request({ url: `${silentUrl}a`, subject: 'a' }),
    /no (response within 100 ms|complete answer within 350 ms)|failed 4 requests in a row/,
  );
  // Ten retries were allowed; the request deadline, or the host given up after 4 failures in a
  // row (whichever comes first, depending on the machine's speed), stopped it at 1 to 4 attempts.
  assert.ok(attempts >= 1 && attempts <= 4, `attempts bounded by the request deadline (${attempts})`);
  for (const n of ['b', 'c', 'd', 'e']) await http.request({ url: `${silentUrl}${n}`, subject: n }).catch(() => {});
  const before = attempts;
  await assert.rejects(http.request({ url: `${silentUrl}f`, subject: 'f' }), /not sent: 127\.0\.0\.1:\d+ failed 4 requests in a row/);
  assert.equal(attempts, before, 'nothing sent once the host is given up');
  await http.close();
});

test('the scan deadline (--timeout) aborts requests in flight and refuses new ones', async () => {
  const http = createHttpClient({ retries: 3, backoff: fast, deadlineAt: Date.now() + 150, timeouts: { responseMs: 60_000 } });
  await assert.rejects(http.request({ url: `${silentUrl}x`, subject: 'x' }), /the deadline of this run \(--timeout\) passed/);
  await assert.rejects(http.request({ url: `${silentUrl}y`, subject: 'y' }), /not sent: the deadline of this run/);
  await http.close();
});

test('the retry budget is shared by all requests of a run', async () => {
  const r = await rig();
  try {
    r.reg.misbehave('/isexe', { kind: 'status', status: 503 });
    r.reg.misbehave('/is-typedarray', { kind: 'status', status: 503 });
    const http = createHttpClient({ retries: 3, retryBudget: 2, backoff: fast });
    await assert.rejects(http.request({ url: `${r.reg.url}isexe` }));
    assert.equal(r.reg.count('/isexe'), 3, 'two retries, then the budget is spent');
    await assert.rejects(http.request({ url: `${r.reg.url}is-typedarray` }), /retry budget of this run is spent/);
    assert.equal(r.reg.count('/is-typedarray'), 1);
    await http.close();
  } finally {
    await r.close();
  }
});

test('lockfile URLs on other hosts are not fetched; metadata and loopback addresses never', async () => {
  const policy = policyFor(['https://registry.example.test/'], ['mirror.example.test']);
  const refused = async (url: string, why: RegExp) =>
    assert.rejects(assertFetchable(policy, url, 'x@1.0.0'), (e: unknown) => isVigilError(e, 'E_UNSUPPORTED') && why.test(e.message));
  await refused('http://169.254.169.254/latest/x/-/x-1.0.0.tgz', /169\.254\.169\.254, an address of this machine or its cloud environment/);
  await refused('http://metadata.google.internal/x/-/x-1.0.0.tgz', /cloud environment/);
  await refused('http://[::ffff:127.0.0.1]:9/x/-/x-1.0.0.tgz', /cloud environment/);
  await refused('http://[fe80::1]/x/-/x-1.0.0.tgz', /cloud environment/);
  await refused('http://2852039166/x/-/x-1.0.0.tgz', /169\.254\.169\.254/);
  await refused('https://attacker.invalid/x/-/x-1.0.0.tgz', /not a configured registry/);
  await assertFetchable(policy, 'https://registry.example.test/x/-/x-1.0.0.tgz', 'x@1.0.0');
  // A host named with --allow-host is fetched (an address literal: no DNS query in a test).
  await assertFetchable(policyFor(['https://registry.example.test/'], ['203.0.113.7']), 'https://203.0.113.7/x/-/x-1.0.0.tgz', 'x@1.0.0');
  // The configured registry may itself be local (a mirror on 127.0.0.1).
  await assertFetchable(policyFor(['http://127.0.0.1:4873/']), 'http://127.0.0.1:4873/x/-/x-1.0.0.tgz', 'x@1.0.0');
});

test('client: a registry-shaped resolved URL on another host is refused before any request', async () => {
  const r = await rig();
  try {
    const c = r.client();
    const p = c.getTarball('isexe', '2.0.0', {
      resolved: 'http://169.254.169.254/isexe/-/isexe-2.0.0.tgz',
      integrity: `sha512-${'A'.repeat(86)}==`,
    });
    await assert.rejects(p, /not fetched: isexe@2\.0\.0 is resolved from 169\.254\.169\.254/);
    assert.equal(r.reg.count(), 0);
  } finally {
    await r.close();
  }
});

test('npm/resolved-source reports other hosts, plain HTTP and internal addresses like lockfile-lint', async () => {
  const policy = policyFor(['https://registry.example.test/']);
  assert.deepEqual(judgeResolved(policy, 'https://registry.example.test/a/-/a-1.tgz'), []);
  const cases: [string, RegExp[]][] = [
    ['https://evil.invalid/a/-/a-1.0.0.tgz', [/resolved from evil\.invalid, which is not a configured registry/]],
    ['http://evil.invalid/a/-/a-1.0.0.tgz', [/over plain HTTP from evil\.invalid/, /evil\.invalid, which is not a configured registry/]],
    ['http://169.254.169.254/a/-/a-1.0.0.tgz', [/over plain HTTP/, /169\.254\.169\.254, an address of this machine/]],
  ];
  for (const [resolved, expected] of cases) {
    const c = comp('a', '1.0.0', { resolved });
    const out = await resolvedSourceAnalyzer.analyze({
      component: c,
      inventory: inventoryOf(c),
      services: servicesOf(),
      offline: true,
      sourcePolicy: policy,
    });
    assert.deepEqual(
      out.findings.map((f) => f.rule),
      expected.map(() => 'npm/resolved-source'),
      resolved,
    );
    expected.forEach((re, i) => assert.match(out.findings[i]!.title, re));
  }
});
