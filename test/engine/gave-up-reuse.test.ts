/**
 * A release whose content analysis stops at its worker's memory or time limit is stored as "gave
 * up": a rescan reports the same gap (missing coverage, not a clean result) without analysing it
 * again; after GAVE_UP_RETRY_MS, or with --retry-failed, it is analysed again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentAnalyzer } from '../../src/analyzers/content/analyzer.js';
import { createContentFactsService } from '../../src/analyzers/content/facts-service.js';
import { createContentPool, type ContentPool } from '../../src/analyzers/content/pool.js';
import { VigilError } from '../../src/core/errors.js';
import { GAVE_UP_RETRY_MS, runComponent } from '../../src/engine/component-runner.js';
import { comp, filesOf, inventoryOf, manifestOf, packumentOf, servicesOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';

// ~4.5 MiB of small statements that decode and run (so it is parsed): far more syntax tree than a 32 MiB heap holds.
const HUGE = Array.from({ length: 110_000 }, (_, i) => `var v${i} = require('m${i % 50}')[${i}];`).join('\n') + '\neval(atob("eA=="));';

test('content analysis that ran out of heap is stored as gave-up, reported again on rescan without rerunning, retried later or on request', async () => {
  const c = comp('huge', '1.0.0', { integrity: 'sha512-aHVnZQ==' });
  const store = new MemoryStore();
  let downloads = 0;
  const now = Date.parse('2026-06-01T00:00:00Z');
  const scanOnce = (pool: ContentPool, extra: { now?: number; retryFailed?: boolean } = {}) =>
    runComponent(c, [contentAnalyzer], {
      npm: {
        registryUrl: () => 'http://127.0.0.1/',
        getPackument: async () => packumentOf(manifestOf('huge', '1.0.0')),
        getTarball: async () => {
          downloads++;
          return { bytes: Buffer.from('huge'), integrity: 'sha512-aHVnZQ==', fromCache: false };
        },
      },
      readPackage: async (_b, origin) => ({
        ...filesOf({ 'package.json': '{"name":"huge","main":"index.js"}', 'index.js': HUGE }),
        origin,
      }),
      store,
      inventory: inventoryOf(c),
      offline: false,
      services: servicesOf({ contentFacts: createContentFactsService(pool) }),
      now,
      ...extra,
    });
  const gaps = (r: Awaited<ReturnType<typeof scanOnce>>) => r.problems.filter((p) => p.code === 'E_ANALYZER_LIMIT' && p.subject === c.purl);

  // A real worker with a 32 MiB heap: the analysis fails there.
  const real = createContentPool({ maxThreads: 1, heapMb: 32 });
  let first;
  try {
    first = await scanOnce(real);
  } finally {
    await real.close();
  }
  assert.equal(gaps(first).length, 1, JSON.stringify(first.problems));
  assert.match(gaps(first)[0]!.message, /content checks did not run: .*32 MiB heap/);
  assert.equal(first.facts['content'], undefined, 'no content facts pretend the release was checked');

  // Rescans: a pool that counts what it is asked (and would give up again).
  let analysed = 0;
  const counting: ContentPool = {
    threads: 1,
    facts: async (files) => {
      analysed++;
      throw new VigilError('E_ANALYZER_LIMIT', `content analysis of ${files.origin} gave up in a worker: timed out`);
    },
    close: async () => undefined,
  };
  const warm = await scanOnce(counting, { now: now + 3600_000 });
  assert.equal(analysed, 0, 'the stored gave-up result is reused');
  assert.equal(downloads, 1, 'nothing is downloaded again');
  assert.equal(warm.fromStore, true);
  assert.equal(gaps(warm).length, 1, 'the rescan still reports the missing coverage');
  assert.match(gaps(warm)[0]!.message, /as stored on 2026-06-01; analysed again from 2026-06-08, or now with --retry-failed/);

  await scanOnce(counting, { now: now + 3600_000, retryFailed: true });
  assert.equal(analysed, 1, '--retry-failed analyses it again');

  // The retry gave up again and was stored at now + 1 h; a week after that it is retried by itself.
  await scanOnce(counting, { now: now + 3600_000 + GAVE_UP_RETRY_MS - 1 });
  assert.equal(analysed, 1);
  await scanOnce(counting, { now: now + 3600_000 + GAVE_UP_RETRY_MS });
  assert.equal(analysed, 2, 'a gave-up result older than its bound is analysed again');
});
