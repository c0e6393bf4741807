import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cyclonedxExtractor } from '../../src/inventory/cyclonedx.js';
import { packageLockExtractor } from '../../src/inventory/package-lock.js';
import { spdxExtractor } from '../../src/inventory/spdx.js';
import { comp, edgeSet, extractFixture, purls } from './helpers.js';

describe('CycloneDX input', () => {
  test('an npm-written 1.5 SBOM gives the lockfile inventory back (components, edges, flags)', async () => {
    const sbom = await extractFixture(cyclonedxExtractor, 'sbom/npm-cyclonedx-1.5/bom.json');
    const lock = await extractFixture(packageLockExtractor, 'same-project/npm-v3/package-lock.json');
    assert.equal(sbom.sources[0]!.format, 'CycloneDX 1.5 JSON');
    assert.deepEqual(purls(sbom), purls(lock));
    assert.deepEqual(
      edgeSet(sbom).filter((e) => !e.startsWith('root:')),
      edgeSet(lock).filter((e) => !e.startsWith('root:')),
    );
    assert.deepEqual(
      sbom.roots.map((r) => r.id),
      ['root:npm'],
    );
    const chalk = comp(sbom, 'pkg:npm/chalk@4.1.2');
    assert.match(chalk.integrity!, /^sha512-/);
    assert.equal(chalk.resolved, 'http://127.0.0.1:4873/chalk/-/chalk-4.1.2.tgz');
    assert.ok(chalk.locations[0]!.line! > 1);
  });

  test('1.4 is read too', async () => {
    const inv = await extractFixture(cyclonedxExtractor, 'sbom/npm-cyclonedx-1.4/bom.json');
    assert.equal(inv.sources[0]!.format, 'CycloneDX 1.4 JSON');
    assert.equal(inv.components.length, 11);
  });

  test('1.6 with deb/pypi purls, a missing purl, a bad purl, a cycle and dangling references', async () => {
    const inv = await extractFixture(cyclonedxExtractor, 'sbom/mixed-ecosystems-1.6/bom.cdx.json');
    assert.deepEqual(
      inv.roots.map((r) => [r.id, r.version]),
      [['root:mixed-app', '2.0.0']],
    );
    const deb = comp(inv, 'pkg:deb/debian/liblzma5@5.4.1-0.2?arch=amd64&distro=debian-12');
    assert.equal(deb.ecosystem, 'deb');
    assert.match(deb.notAnalyzed!, /not analyzed yet/);
    const urllib3 = comp(inv, 'pkg:pypi/urllib3@2.0.7'); // nested component
    assert.equal(urllib3.ecosystem, 'pypi');
    assert.ok(urllib3.notAnalyzed);
    assert.ok(inv.edges.some((e) => e.from === 'pkg:pypi/requests@2.31.0' && e.to === urllib3.purl));
    // npm purls are normalized (qualifiers dropped) and analyzed
    const babel = comp(inv, 'pkg:npm/%40babel/core@7.24.0');
    assert.equal(babel.name, '@babel/core');
    assert.equal(babel.notAnalyzed, undefined);
    assert.match(comp(inv, 'pkg:npm/lodash@4.17.21').integrity!, /^sha512-v2kDE/);
    // no purl / bad purl: kept with a generic best-effort purl and a problem each
    assert.ok(comp(inv, 'pkg:generic/mystery-lib@0.9.1').notAnalyzed);
    assert.ok(comp(inv, 'pkg:generic/broken@1.0.0').notAnalyzed);
    assert.ok(inv.problems.some((p) => /"no-purl" has no purl/.test(p.message) && p.line === 17));
    assert.ok(inv.problems.some((p) => /"bad-purl" has a purl that does not parse/.test(p.message) && p.line === 18));
    // cycle kept, and optional scope honored
    assert.ok(inv.edges.some((e) => e.from === 'pkg:npm/cycle-a@1.0.0' && e.to === 'pkg:npm/cycle-b@1.0.0' && e.kind === 'optional'));
    assert.ok(inv.edges.some((e) => e.from === 'pkg:npm/cycle-b@1.0.0' && e.to === 'pkg:npm/cycle-a@1.0.0'));
    assert.equal(comp(inv, 'pkg:npm/cycle-b@1.0.0').optional, true);
    assert.ok(inv.problems.some((p) => /ghost-component/.test(p.message) && p.line === 26));
    assert.ok(inv.problems.some((p) => /unknown component "nobody-knows-me"/.test(p.message) && p.line === 27));
    assert.equal(inv.components.length, 9);
  });
});

describe('SPDX input', () => {
  test('an npm-written SPDX 2.3 gives the lockfile inventory back', async () => {
    const sbom = await extractFixture(spdxExtractor, 'sbom/npm-spdx-2.3/sbom.spdx.json');
    const lock = await extractFixture(packageLockExtractor, 'same-project/npm-v3/package-lock.json');
    assert.equal(sbom.sources[0]!.format, 'SPDX-2.3 JSON');
    assert.deepEqual(purls(sbom), purls(lock));
    assert.deepEqual(edgeSet(sbom), edgeSet(lock));
    assert.equal(comp(sbom, 'pkg:npm/semver@7.8.6').dev, true);
    assert.equal(comp(sbom, 'pkg:npm/is-number@7.0.0').optional, true);
    assert.match(comp(sbom, 'pkg:npm/ms@2.1.3').integrity!, /^sha512-/);
  });

  test('dangling relationships are problems with lines; deb purls kept, not analyzed', async () => {
    const inv = await extractFixture(spdxExtractor, 'sbom/spdx-dangling/app.spdx.json');
    assert.ok(comp(inv, 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64').notAnalyzed);
    assert.ok(inv.edges.some((e) => e.from === 'pkg:npm/left-pad@1.3.0' && e.to.startsWith('pkg:deb/debian/zlib1g')));
    assert.ok(inv.problems.some((p) => /SPDXRef-missing/.test(p.message) && p.line === 16));
    assert.deepEqual(
      inv.roots.map((r) => r.id),
      ['root:dangling-doc'],
    );
    assert.ok(inv.edges.some((e) => e.from === 'root:dangling-doc' && e.to === 'pkg:npm/left-pad@1.3.0'));
  });
});
