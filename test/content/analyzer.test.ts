import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  contentAnalyzer,
  contentFacts,
  createContentFactsService,
  createContentPool,
  type ContentFactsService,
  contentRules,
} from '../../src/analyzers/content/index.js';
import { readDirectory } from '../../src/sources/archive/index.js';
import type { ComponentContext } from '../../src/analyzers/types.js';
import type { InventoryComponent } from '../../src/core/types.js';
import { CONTENT_FIXTURES } from './helpers.js';

const component: InventoryComponent = {
  purl: 'pkg:npm/fixture-install-env-exfil@1.0.0',
  ecosystem: 'npm',
  name: 'fixture-install-env-exfil',
  version: '1.0.0',
  locations: [],
  dev: false,
  optional: false,
};
const ctxFor = async (contentFacts: ContentFactsService = createContentFactsService()): Promise<ComponentContext> => ({
  component,
  inventory: { sources: [], roots: [], components: [component], edges: [], problems: [] },
  files: await readDirectory(CONTENT_FIXTURES + 'install-env-exfil', { origin: 'npm:fixture-install-env-exfil@1.0.0' }),
  services: { contentFacts },
  offline: true,
});

test('contentAnalyzer: plugin shape and rule catalogue', () => {
  assert.equal(contentAnalyzer.kind, 'component');
  assert.equal(contentAnalyzer.id, 'content');
  assert.deepEqual(contentAnalyzer.needs, { tarball: true });
  assert.equal(contentAnalyzer.appliesTo(component), true);
  assert.equal(contentAnalyzer.appliesTo({ ...component, ecosystem: 'deb' }), false);
  const ids = contentRules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const r of contentRules) {
    assert.ok(
      r.id.startsWith('content/') && r.title && r.meaning && r.why && r.example.length > 40 && r.suppress,
      `${r.id} catalogue entry is complete`,
    );
  }
});

test('contentAnalyzer.analyze: findings on the purl, facts returned and kept by the scan for reuse', async () => {
  const ctx = await ctxFor();
  const out = await contentAnalyzer.analyze(ctx);
  assert.ok(
    out.findings.some((f) => f.rule === 'content/secret-exfiltration' && f.subject === component.purl && f.analyzer.id === 'content'),
  );
  assert.equal((out.facts as { name?: string }).name, 'fixture-install-env-exfil');
  assert.equal(ctx.services.contentFacts.peek('npm:fixture-install-env-exfil@1.0.0'), out.facts, 'facts kept under the origin');
  const again = await contentAnalyzer.analyze(ctx);
  assert.equal(again.facts, out.facts, 'second run reuses them');
});

test('contentAnalyzer without files returns nothing (the engine reports the missing tarball)', async () => {
  const ctx = await ctxFor();
  delete ctx.files;
  assert.deepEqual(await contentAnalyzer.analyze(ctx), { findings: [] });
});

const pool = createContentPool({ maxThreads: 1 });
after(() => pool.close());

test('worker pool computes the same facts as the synchronous path', async () => {
  for (const name of ['install-env-exfil', 'xz-test-payload', 'elf-disguised']) {
    const files = await readDirectory(CONTENT_FIXTURES + name);
    assert.deepEqual(await pool.facts(files), contentFacts(files), name);
  }
  let pooled = 0;
  const counting = { ...pool, facts: (files: Parameters<typeof pool.facts>[0]) => (pooled++, pool.facts(files)) };
  const out = await contentAnalyzer.analyze(await ctxFor(createContentFactsService(counting)));
  assert.ok(out.findings.some((f) => f.rule === 'content/secret-exfiltration'));
  assert.equal(pooled, 1, 'the analyzer took its facts from the pool service');
});

test('an archive bomb yields a partial result and an archive-limit finding, not a crash', async () => {
  const { readArchive } = await import('../../src/sources/archive/index.js');
  const { analyzeContent } = await import('../../src/analyzers/content/index.js');
  const files = await readArchive(CONTENT_FIXTURES + '../archive/bomb/ratio.tgz', { strip: 'npm' });
  const { findings } = await analyzeContent(files, 'pkg:npm/bomb@1.0.0');
  const f = findings.find((x) => x.rule === 'content/archive-limit');
  assert.equal(f?.severity, 'medium');
  assert.match(String(f?.evidence[0]?.value), /compression ratio above 200:1/);
});
