import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { collectInventories } from '../../src/analyzers/advisories/collect.js';
import { findAffected } from '../../src/analyzers/advisories/affected.js';
import { buildAffectedResult } from '../../src/app/affected-result.js';
import { AFFECTED_FACTS } from '../../src/analyzers/advisories/affected.js';
import { readResultFacts } from '../../src/core/facts.js';
import { debianIndexCatalog } from '../../src/analyzers/advisories/catalog.js';
import { loadAdvisoryDb } from '../../src/sources/osv/load.js';

const FLEET = 'test/fixtures/advisories/fleet';
const db = loadAdvisoryDb();
const INDEX = debianIndexCatalog([readFileSync('test/fixtures/advisories/debian-index/Packages', 'utf8')]);
const UP = '5.6.1+really5.4.5-1';
const APT2 = `apt-get install liblzma5=${UP} xz-utils=${UP}`;
const APT1 = `apt-get install liblzma5=${UP}`;

describe('affected across a fleet of 23 inventories (dpkg status, lockfiles, an SBOM)', async () => {
  const { targets, problems } = await collectInventories([FLEET]);

  test('every host status file and every project lockfile is read', () => {
    assert.deepEqual(problems, []);
    assert.equal(targets.length, 23);
    assert.ok(targets.some((t) => t.label === 'sboms/api-image.cdx.json' && t.inventory.sources[0]!.format.includes('CycloneDX')));
    assert.equal(targets.filter((t) => t.label.startsWith('hosts/')).length, 12);
    assert.deepEqual(
      targets
        .filter((t) => t.label.startsWith('projects/app-0'))
        .map((t) => t.label.split('/')[2])
        .sort(),
      [
        'package-lock.json',
        'package-lock.json',
        'package-lock.json',
        'package-lock.json',
        'package-lock.json',
        'package-lock.json',
        'package-lock.json',
        'pnpm-lock.yaml',
        'yarn.lock',
      ],
    );
  });

  test('CVE-2024-3094: exactly the hosts with 5.5.1alpha-0.1 .. 5.6.1-1, with safe versions and apt lines', () => {
    const o = findAffected(db, db.group('CVE-2024-3094')!, targets, [INDEX]);
    const table = o.table.rows.map((r) => [r.target, r.package, r.version, r.safeDowngrade, r.safeUpgrade, r.fix]);
    assert.deepEqual(table, [
      ['hosts/build-01/status', 'liblzma5', '5.5.1alpha-0.1', '5.4.5-0.3', UP, APT2],
      ['hosts/build-01/status', 'xz-utils', '5.5.1alpha-0.1', '5.4.5-0.3', UP, APT2],
      ['hosts/build-02/status', 'liblzma5', '5.6.0-0.1', '5.4.5-0.3', UP, APT2],
      ['hosts/build-02/status', 'xz-utils', '5.6.0-0.1', '5.4.5-0.3', UP, APT2],
      ['hosts/build-03/status', 'liblzma5', '5.6.0-0.2', '5.4.5-0.3', UP, APT1],
      ['hosts/dev-01/status', 'liblzma5', '5.6.1-1', '5.4.5-0.3', UP, APT2],
      ['hosts/dev-01/status', 'xz-utils', '5.6.1-1', '5.4.5-0.3', UP, APT2],
      ['hosts/dev-02/status', 'liblzma5', '5.6.1-1', '5.4.5-0.3', UP, APT1],
      ['sboms/api-image.cdx.json', 'liblzma5', '5.6.0-0.2', '5.4.5-0.3', UP, APT1],
    ]);
    assert.deepEqual(o.table.rows.find((r) => r.target === 'hosts/build-03/status')!.path, ['host', 'liblzma5@5.6.0-0.2']);
    assert.equal(o.table.targets.length, 23);
    assert.equal(o.table.targets.filter((t) => t.affected > 0).length, 6);
    assert.equal(o.findings.length, 9);
    assert.ok(o.findings.every((f) => f.severity === 'critical'));
  });

  test("GHSA-mh6f-8j2x-4483: the three projects with event-stream 3.3.6, fix in each tool's own syntax", () => {
    const o = findAffected(db, db.group('GHSA-mh6f-8j2x-4483')!, targets);
    const table = o.table.rows.map((r) => [
      r.target,
      r.package,
      r.version,
      r.safeDowngrade,
      r.safeUpgrade,
      r.fix ?? r.note,
      r.path.join(' > '),
    ]);
    const every = 'every version is affected: remove the package (or the dependency that pulls it in)';
    assert.deepEqual(table, [
      [
        'projects/app-01/package-lock.json',
        'event-stream',
        '3.3.6',
        '3.3.4',
        '4.0.0',
        '{"overrides":{"event-stream":"3.3.4"}}',
        'app-01 > event-stream@3.3.6',
      ],
      [
        'projects/app-01/package-lock.json',
        'flatmap-stream',
        '0.1.1',
        undefined,
        undefined,
        every,
        'app-01 > event-stream@3.3.6 > flatmap-stream@0.1.1',
      ],
      [
        'projects/app-03/yarn.lock',
        'event-stream',
        '3.3.6',
        '3.3.4',
        '4.0.0',
        '{"resolutions":{"event-stream":"3.3.4"}}',
        'app-03 > event-stream@3.3.6',
      ],
      [
        'projects/app-03/yarn.lock',
        'flatmap-stream',
        '0.1.1',
        undefined,
        undefined,
        every,
        'app-03 > event-stream@3.3.6 > flatmap-stream@0.1.1',
      ],
      [
        'projects/app-04/pnpm-lock.yaml',
        'event-stream',
        '3.3.6',
        '3.3.4',
        '4.0.0',
        '{"pnpm":{"overrides":{"event-stream":"3.3.4"}}}',
        'app-04 > event-stream@3.3.6',
      ],
      [
        'projects/app-04/pnpm-lock.yaml',
        'flatmap-stream',
        '0.1.1',
        undefined,
        undefined,
        every,
        'app-04 > event-stream@3.3.6 > flatmap-stream@0.1.1',
      ],
      // No declared range in an SBOM: the upgrade is chosen.
      [
        'sboms/api-image.cdx.json',
        'event-stream',
        '3.3.6',
        '3.3.4',
        '4.0.0',
        '{"overrides":{"event-stream":"4.0.0"}}',
        'api-image > event-stream@3.3.6',
      ],
    ]);
  });

  test('the result is a ScanResult: findings count, facts.affected holds the table, fingerprints distinct per target', () => {
    const o = findAffected(db, db.group('CVE-2024-3094')!, targets, [INDEX]);
    const r = buildAffectedResult(o, targets, problems, { target: FLEET });
    assert.equal(r.command, 'affected');
    assert.equal(r.summary.findings.critical, 9);
    assert.equal(r.inventory.sources.length, 23);
    const facts = readResultFacts(r, AFFECTED_FACTS)!;
    assert.equal(facts.rows.length, 9);
    assert.deepEqual(facts.advisory.ids, ['CVE-2024-3094', 'DSA-5649-1']);
    assert.equal(new Set(r.findings.map((f) => f.fingerprint)).size, 9);
  });
});
