import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createArtifactAnalyzer, clonesByName } from '../../src/analyzers/artifact/analyzer.js';
import { readArchive } from '../../src/sources/archive/index.js';
import type { InventoryComponent } from '../../src/core/types.js';
import type { VerifySummary } from '../../src/analyzers/artifact/types.js';
import type { VersionManifest } from '../../src/sources/npm/types.js';
import { cleanup, makeCatalogue, makeRepo, makeTarGz } from './helpers.js';
import { servicesOf } from '../helpers/factories.js';

const comp = (name: string): InventoryComponent => ({
  purl: `pkg:npm/${name}@1.0.0`,
  ecosystem: 'npm',
  name,
  version: '1.0.0',
  locations: [],
  dev: false,
  optional: false,
});

describe('artifact analyzer (scan integration)', () => {
  const repo = makeRepo({ 'index.js': 'module.exports = 1;\n', 'package.json': '{"name":"lib","version":"1.0.0"}' }, 'not-a-version-tag');
  const cat = makeCatalogue();
  after(() => cleanup(repo, cat));

  test('applies only to components with a clone; verifies at the manifest gitHead', async () => {
    const a = createArtifactAnalyzer({ cloneFor: clonesByName({ lib: repo }), catalogueDir: cat });
    assert.equal(a.appliesTo(comp('other')), false);
    assert.equal(a.appliesTo(comp('lib')), true);
    const files = await readArchive(
      await makeTarGz(
        { 'index.js': 'module.exports = 1;\n', 'package.json': '{"name":"lib","version":"1.0.0"}', 'evil.js': 'x\n' },
        'package',
      ),
      { strip: 'npm' },
    );
    const gitHead = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const out = await a.analyze({
      component: comp('lib'),
      inventory: { sources: [], roots: [], components: [], edges: [], problems: [] },
      files,
      manifest: { gitHead } as unknown as VersionManifest,
      services: servicesOf(),
      offline: true,
    });
    const s = out.facts as VerifySummary;
    assert.equal(s.source.how, 'npm gitHead');
    assert.equal(s.counts.identical, 2);
    assert.deepEqual(s.unexplained, ['evil.js']);
    assert.equal(out.findings[0]!.rule, 'artifact/unexplained-file');
  });

  test('no matching ref becomes a Problem, not a throw', async () => {
    const a = createArtifactAnalyzer({ cloneFor: () => repo, catalogueDir: cat });
    const files = await readArchive(await makeTarGz({ 'index.js': 'x\n' }, 'package'), { strip: 'npm' });
    const out = await a.analyze({
      component: comp('lib'),
      inventory: { sources: [], roots: [], components: [], edges: [], problems: [] },
      files,
      services: servicesOf(),
      offline: true,
    });
    assert.equal(out.findings.length, 0);
    assert.match(out.problems![0]!.message, /no tag matches version 1\.0\.0/);
  });
});
