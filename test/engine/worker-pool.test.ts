/**
 * The path every real project takes: a scan of ≥ 40 components computes content facts in the worker
 * pool (the current release and, for release-diff, the previous one). Its findings must equal those
 * of the synchronous path, and a programming error inside a worker must surface as a bug, not as a
 * missing-facts problem.
 */
import { test } from 'node:test';
import { existsSync, readdirSync } from 'node:fs';
import assert from 'node:assert/strict';
import { ALL_ANALYZERS } from '../../src/analyzers/registry.js';
import { createContentPool, LARGE_PARSE_BYTES, taskLimitMs } from '../../src/analyzers/content/pool.js';
import { PARSE_HEAP_PER_BYTE } from '../../src/analyzers/content/pool-heap.js';
import { createTimedPool, TaskLimitError } from '../../src/analyzers/content/pool-timed.js';
import { InternalError, isVigilError } from '../../src/core/errors.js';
import type { ProgressEvent } from '../../src/core/events.js';
import type { ScanResult } from '../../src/core/result.js';
import { scan, type ScanDeps } from '../../src/engine/scan.js';
import { readDirectory } from '../../src/sources/archive/index.js';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import { filesOf, inventoryOf, manifestOf, numberedComponents, packumentOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { outgrowsSmallHeap } from '../helpers/heap-bomb.js';
import { CONTENT_FIXTURES } from '../content/helpers.js';

const COUNT = 45;
const EVIL = 'pkg-7';

function deps(): ScanDeps {
  const components = numberedComponents(COUNT);
  return {
    store: new MemoryStore(),
    npm: {
      registryUrl: () => 'http://127.0.0.1/',
      getPackument: async (name) => {
        const prev = manifestOf(name, '0.9.0');
        return { ...packumentOf(manifestOf(name, '1.0.0')), versions: { '0.9.0': prev, '1.0.0': manifestOf(name, '1.0.0') } };
      },
      getTarball: async (name, version) => ({ bytes: Buffer.from(`${name}@${version}`), integrity: 'sha512-x', fromCache: false }),
    },
    // The "tarball" names its release; pkg-7@1.0.0 is the install-time exfiltration fixture.
    readPackage: async (bytes, origin): Promise<PackageFiles> => {
      const [name, version] = bytes.toString().split('@') as [string, string];
      if (name === EVIL && version === '1.0.0') return readDirectory(CONTENT_FIXTURES + 'install-env-exfil', { origin });
      const files = filesOf({
        'package.json': JSON.stringify({ name, version }),
        'index.js': `module.exports = ${JSON.stringify(name)};\n`,
      });
      return { ...files, origin };
    },
    loadInventory: async () => ({ inventory: inventoryOf(...components) }),
  };
}

const keyed = (r: ScanResult) => r.findings.map((f) => `${f.subject} ${f.rule}`).sort();

test(`a scan of ${COUNT} components uses the worker pool and finds what the synchronous path finds`, async () => {
  const events: ProgressEvent[] = [];
  const pooled = await scan({ target: '/project', offline: true, history: false, events: (e) => events.push(e) }, deps());
  assert.ok(
    events.some((e) => e.type === 'info' && /content analysis in \d+ worker thread/.test(e.message)),
    'the pool was used',
  );
  const sync = await scan({ target: '/project', offline: true, history: false, analyzers: ALL_ANALYZERS }, deps());
  assert.deepEqual(
    pooled.problems.filter((p) => p.code === 'E_ANALYZER' || p.code === 'E_INTERNAL'),
    [],
  );
  assert.ok(
    keyed(pooled).some((k) => k.startsWith(`pkg:npm/${EVIL}@1.0.0 content/`)),
    keyed(pooled).join('\n'),
  );
  assert.ok(
    keyed(pooled).some((k) => k.startsWith(`pkg:npm/${EVIL}@1.0.0 release-diff/`)),
    'the previous release was compared too',
  );
  assert.deepEqual(keyed(pooled), keyed(sync));
  assert.equal(Object.keys(pooled.facts['content'] ?? {}).length, COUNT);
});

// Linux lists a process's threads in /proc/self/task; a content worker is one of them.
const threadIds = (): Set<string> => new Set(readdirSync('/proc/self/task'));

test(
  'the content workers end when the component stage does, before the report is scored, built and saved',
  { skip: !existsSync('/proc/self/task') && 'threads are listed through /proc/self/task (Linux)' },
  async () => {
    const whileAnalysing = new Set<string>();
    let atScoring: Set<string> | undefined;
    await scan(
      {
        target: '/project',
        offline: true,
        history: false,
        events: (e) => {
          // A component is done only after a worker analysed it: the pool's threads are alive here.
          if (e.type === 'progress' && e.stage === 'analyze') for (const t of threadIds()) whileAnalysing.add(t);
          if (e.type === 'stage' && e.stage === 'scoring') atScoring = threadIds();
        },
      },
      deps(),
    );
    assert.ok(whileAnalysing.size > 0 && atScoring, 'both moments were seen');
    // Threads that start later (libuv's pool) do not matter; a thread that ran during the analysis must be gone.
    const ended = [...whileAnalysing].filter((t) => !atScoring!.has(t));
    assert.ok(ended.length > 0, `no thread of the analysis (${[...whileAnalysing].join(', ')}) had ended when scoring started`);
  },
);

test('the pool asks for room before handing over a package with a large script, and not for small ones', async () => {
  let asked = 0;
  const pool = createContentPool({ maxThreads: 1, beforeLargeParse: () => asked++ });
  try {
    await pool.facts(filesOf({ 'package.json': '{"name":"small"}', 'index.js': 'module.exports = 1;' }));
    assert.equal(asked, 0, 'a small package');
    const bytes = Math.ceil(LARGE_PARSE_BYTES / PARSE_HEAP_PER_BYTE);
    const line = 'exports.f = function (a) { return a + 1; };\n';
    const bundle = line.repeat(Math.ceil(bytes / line.length));
    await pool.facts(filesOf({ 'package.json': '{"name":"big"}', 'dist/bundle.js': bundle }));
    assert.equal(asked, 1, `a ${(bundle.length / 2 ** 20).toFixed(1)} MiB script`);
    await pool.facts(filesOf({ 'package.json': '{"name":"big"}', 'dist/bundle.js': bundle.slice(0, bytes - line.length * 2) }));
    assert.equal(asked, 1, 'just under the estimate');
  } finally {
    await pool.close();
  }
});

test('a programming error inside a worker is a bug (InternalError), not a problem', async () => {
  const pool = createContentPool({ maxThreads: 1 });
  try {
    const broken = { origin: 'npm:broken@1.0.0', files: null } as unknown as PackageFiles;
    await assert.rejects(pool.facts(broken), (e: unknown) => e instanceof InternalError && /TypeError/.test(e.message));
  } finally {
    await pool.close();
  }
});

test('a package whose analysis outgrows the worker heap fails alone, as E_ANALYZER naming the package and the heap; the pool goes on', async () => {
  const pool = createContentPool({ maxThreads: 1, heapMb: 32 });
  try {
    const huge = outgrowsSmallHeap('npm:huge@1.0.0');
    await assert.rejects(
      pool.facts(huge),
      (e: unknown) => isVigilError(e, 'E_ANALYZER_LIMIT') && /npm:huge@1\.0\.0/.test(e.message) && /32 MiB heap/.test(e.message),
    );
    const small = filesOf({ 'package.json': '{"name":"small"}', 'index.js': 'module.exports = 1;' });
    assert.ok(await pool.facts(small), 'the next package is analysed');
  } finally {
    await pool.close();
  }
});

test('a queued task does not time out while it waits: its time limit starts when a worker starts it', async () => {
  const pool = createTimedPool<string, string>({
    filename: new URL('../helpers/stalling-worker.ts', import.meta.url).href,
    maxThreads: 1,
    heapMb: 64,
  });
  try {
    // One worker: `queued` waits behind `stall` for the whole of stall's limit. Counted from
    // queueing, its limit would run out with stall's; counted from its start, it has all of it.
    const stalled = pool.run('stall', 1500);
    const queued = pool.run('queued', 1500);
    await assert.rejects(stalled, (e: unknown) => e instanceof TaskLimitError && e.limit.kind === 'time');
    assert.equal(await queued, 'done queued');
  } finally {
    await pool.close();
  }
});

test('a large package gets a longer time limit than a small one, in proportion to its size', () => {
  assert.equal(taskLimitMs(120_000, 10_000), 121_000);
  assert.equal(taskLimitMs(120_000, 134 * 1024 * 1024), 120_000 + 536_000);
  assert.equal(taskLimitMs(120_000, Number.NaN), 120_000);
});
