/** releaseDiffAnalyzer inside a scan: with and without the previous release's files, memo reuse, rules. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { releaseDiffAnalyzer } from '../../src/analyzers/release-diff/analyzer.js';
import { RELEASE_DIFF_RULES } from '../../src/analyzers/release-diff/rules.js';
import type { ReleaseDelta } from '../../src/analyzers/release-diff/types.js';
import { createContentFactsService } from '../../src/analyzers/content/facts-service.js';
import type { ContentPool } from '../../src/analyzers/content/pool.js';
import { VigilError } from '../../src/core/errors.js';
import { comp, ctxOf, servicesOf } from '../helpers/factories.js';
import { filesOfDir, scenarioPackument, SCENARIOS } from './helpers.js';

const S = 'install-script-patch';

describe('releaseDiffAnalyzer', () => {
  test('declares what the engine must fetch', () => {
    assert.deepEqual(releaseDiffAnalyzer.needs, { packument: true, tarball: true, previousTarball: true });
    assert.equal(releaseDiffAnalyzer.appliesTo(comp('x', '1.0.0')), true);
    assert.equal(releaseDiffAnalyzer.appliesTo({ ...comp('x', '1.0.0'), ecosystem: 'deb' }), false);
  });

  test('with ctx.previous: content delta from the shared content facts, facts and findings', async () => {
    const p = scenarioPackument(S, 'tiny-util');
    const files = await filesOfDir(join(SCENARIOS, S, 'files', '1.2.4'), 'tiny-util@1.2.4');
    const prevFiles = await filesOfDir(join(SCENARIOS, S, 'files', '1.2.3'), 'tiny-util@1.2.3');
    const ctx = ctxOf(comp('tiny-util', '1.2.4'), {
      packument: p,
      manifest: p.versions['1.2.4'],
      files,
      previous: { version: '1.2.3', manifest: p.versions['1.2.3'], files: prevFiles },
    });
    const out = await releaseDiffAnalyzer.analyze(ctx);
    const d = out.facts as unknown as ReleaseDelta;
    assert.equal(d.from, '1.2.3');
    assert.ok(d.files);
    assert.ok(
      ctx.services.contentFacts.peek('tiny-util@1.2.4') && ctx.services.contentFacts.peek('tiny-util@1.2.3'),
      'content facts shared through the content facts service',
    );
    assert.ok(out.findings.some((f) => f.rule === 'release-diff/takeover-risk' && (f.severity === 'high' || f.severity === 'critical')));
    for (const f of out.findings)
      assert.ok(
        RELEASE_DIFF_RULES.some((r) => r.id === f.rule),
        `${f.rule} has a catalogue entry`,
      );
  });

  test('content analysis that gave up in the pool is reported unavailable, not repeated on this thread; files are still compared', async () => {
    const p = scenarioPackument(S, 'tiny-util');
    let asked = 0;
    const pool: ContentPool = {
      threads: 1,
      facts: async (f) => {
        asked++;
        throw new VigilError('E_ANALYZER_LIMIT', `content analysis of ${f.origin} gave up in a worker: timed out after 5 ms`);
      },
      close: async () => undefined,
    };
    const ctx = ctxOf(comp('tiny-util', '1.2.4'), {
      packument: p,
      manifest: p.versions['1.2.4'],
      files: await filesOfDir(join(SCENARIOS, S, 'files', '1.2.4'), 'tiny-util@1.2.4'),
      previous: {
        version: '1.2.3',
        manifest: p.versions['1.2.3'],
        files: await filesOfDir(join(SCENARIOS, S, 'files', '1.2.3'), 'tiny-util@1.2.3'),
      },
      services: servicesOf({ contentFacts: createContentFactsService(pool) }),
    });
    await assert.rejects(ctx.services.contentFacts.of(ctx.previous!.files!), /gave up/);
    const out = await releaseDiffAnalyzer.analyze(ctx);
    const d = out.facts as unknown as ReleaseDelta;
    assert.equal(asked, 1, 'the release that gave up is not analysed again');
    assert.ok(d.files, 'file changes are still compared');
    assert.ok(
      out.unavailable?.some((u) => u.field === 'content' && /gave up/.test(u.reason) && /capability/.test(u.reason)),
      JSON.stringify(out.unavailable),
    );
  });

  test('without ctx.previous (engine not wired): metadata and manifest only, content reported unavailable', async () => {
    const p = scenarioPackument(S, 'tiny-util');
    const ctx = ctxOf(comp('tiny-util', '1.2.4'), { packument: p, manifest: p.versions['1.2.4'] });
    const out = await releaseDiffAnalyzer.analyze(ctx);
    const d = out.facts as unknown as ReleaseDelta;
    assert.equal(d.from, '1.2.3');
    assert.equal(d.files, undefined);
    assert.ok(out.unavailable?.some((u) => u.field === 'tarball'));
    // Registry-field gaps are summarized by the engine once per scan, not repeated per package.
    const stripped = await releaseDiffAnalyzer.analyze(
      ctxOf(comp('tiny-util', '1.2.4'), {
        packument: { ...p, available: { ...p.available, npmUser: false } },
        manifest: p.versions['1.2.4'],
      }),
    );
    assert.ok(!stripped.unavailable?.some((u) => u.field === '_npmUser'));
    assert.ok((stripped.facts as unknown as ReleaseDelta).unavailable.some((u) => u.field === '_npmUser'));
    assert.ok(d.signals.some((s) => s.rule === 'release-diff/install-script-added'));
  });

  test('uses the packument lookup service of the run for new dependencies', async () => {
    const s = 'dormant-publisher-new-dependency';
    const p = scenarioPackument(s, 'stream-joiner');
    const asked: string[] = [];
    const services = servicesOf({ packuments: async (n: string) => (asked.push(n), scenarioPackument(s, n)) });
    const out = await releaseDiffAnalyzer.analyze(
      ctxOf(comp('stream-joiner', '3.3.5'), { packument: p, manifest: p.versions['3.3.5'], services }),
    );
    assert.deepEqual(asked, ['flat-stream-x']);
    const d = out.facts as unknown as ReleaseDelta;
    assert.ok(d.signals.some((x) => x.rule === 'release-diff/young-dependency'));
    // Offline: no lookup, the age/size checks are reported unavailable instead.
    const off = await releaseDiffAnalyzer.analyze(
      ctxOf(comp('stream-joiner', '3.3.5'), { packument: p, manifest: p.versions['3.3.5'], services, offline: true }),
    );
    assert.ok(off.unavailable?.some((u) => u.field === 'dependency packuments' && /flat-stream-x/.test(u.reason)));
  });

  test('a locked version missing from the packument yields nothing (the engine already reports it)', async () => {
    const p = scenarioPackument(S, 'tiny-util');
    const out = await releaseDiffAnalyzer.analyze(ctxOf(comp('tiny-util', '7.0.0'), { packument: p }));
    assert.deepEqual(out.findings, []);
  });

  test('every rule has a complete catalogue entry', () => {
    const ids = new Set<string>();
    for (const r of RELEASE_DIFF_RULES) {
      assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
      ids.add(r.id);
      for (const k of ['title', 'meaning', 'why', 'example', 'suppress'] as const)
        assert.ok(r[k].length > 20 || k === 'title', `${r.id}.${k}`);
    }
    for (const id of [
      'new-publisher',
      'maintainers-replaced',
      'provenance-dropped',
      'install-script-added',
      'new-capability',
      'young-dependency',
      'takeover-risk',
    ])
      assert.ok(ids.has(`release-diff/${id}`));
  });
});
