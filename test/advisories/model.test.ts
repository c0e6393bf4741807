import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOsvRecord } from '../../src/sources/osv/parse.js';
import { AdvisoryDb } from '../../src/sources/osv/db.js';
import { builtinAdvisories } from '../../src/sources/osv/builtin.js';
import { cvss3BaseScore } from '../../src/sources/osv/cvss.js';
import { debPurl, npmComponent } from '../../src/core/purl.js';
import { npmEntry, osv, parsed } from './helpers.js';

describe('advisory model', () => {
  test('CVSS v3 base scores follow the specification', () => {
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'), 10);
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N'), 9.1);
    assert.equal(cvss3BaseScore('CVSS:3.0/AV:L/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N'), 2.2);
    assert.equal(cvss3BaseScore('CVSS:2.0/AV:N'), undefined);
  });

  test('severity: CVSS first, then database_specific.severity, else medium with the reason said', () => {
    const cvss = parsed(
      osv('S-1', [npmEntry('a', [{ introduced: '0' }])], {
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N' }],
      }),
    );
    assert.equal(cvss.level, 'low');
    assert.equal(cvss.levelSource, 'CVSS_V3 1.8');
    assert.equal(
      parsed(osv('S-2', [npmEntry('a', [{ introduced: '0' }])], { database_specific: { severity: 'MODERATE' } })).level,
      'medium',
    );
    const none = parsed(osv('S-3', [npmEntry('a', [{ introduced: '0' }])]));
    assert.equal(none.level, 'medium');
    assert.match(none.levelSource, /default/);
  });

  test('malicious: MAL- ids, MAL- aliases, CWE-506, "Malicious code in" titles', () => {
    const e = [npmEntry('a', [{ introduced: '0' }])];
    assert.equal(parsed(osv('MAL-2024-1', e)).malicious, true);
    assert.equal(parsed(osv('GHSA-x', e, { aliases: ['MAL-2024-2'] })).malicious, true);
    assert.equal(parsed(osv('GHSA-y', e, { database_specific: { cwe_ids: ['CWE-506'] } })).malicious, true);
    assert.equal(parsed(osv('GHSA-z', e, { summary: 'Embedded malware in foo' })).malicious, true);
    assert.equal(parsed(osv('GHSA-w', e, { summary: 'Prototype pollution in foo' })).malicious, false);
    assert.equal(parsed(osv('MAL-2024-3', e)).level, 'critical');
  });

  test('not-an-object and missing id are skipped with a problem; unknown ecosystems are reported', () => {
    assert.match(parseOsvRecord(42, { file: 'f.json' }).problems[0]!.message, /expected a JSON object/);
    const r = parseOsvRecord(osv('P-1', [{ package: { ecosystem: 'PyPI', name: 'requests' }, versions: ['2.0.0'] }]), { file: 'f.json' });
    assert.deepEqual(r.unsupported, ['PyPI']);
    assert.equal(r.advisory?.affected[0]!.scheme, 'other');
  });

  test('withdrawn records are kept but never matched; alias groups ignore them', () => {
    const live = parsed(osv('GHSA-live', [npmEntry('w', [{ introduced: '0' }])], { aliases: ['CVE-2099-5'] }));
    const gone = parsed(
      osv('GHSA-gone', [npmEntry('w', [{ introduced: '0' }])], { aliases: ['CVE-2099-5'], withdrawn: '2024-05-01T00:00:00Z' }),
    );
    const db = new AdvisoryDb([live, gone]);
    assert.equal(db.size, 2);
    assert.deepEqual(
      db.match(npmComponent('w', '1.0.0')).map((m) => m.advisory.id),
      ['GHSA-live'],
    );
    assert.deepEqual(
      db.group('CVE-2099-5')!.advisories.map((a) => a.id),
      ['GHSA-live'],
    );
    assert.equal(db.group('GHSA-gone'), undefined);
  });

  test('deb components match by source package with the source version', () => {
    const a = parsed(
      osv('D-1', [
        {
          package: { ecosystem: 'Debian:12', name: 'src-pkg' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0-1' }] }],
        },
      ]),
    );
    const db = new AdvisoryDb([a]);
    const bin = {
      purl: debPurl('libfoo1', '1.5-1+b1', 'amd64'),
      ecosystem: 'deb',
      name: 'libfoo1',
      version: '1.5-1+b1',
      locations: [],
      dev: false,
      optional: false,
      meta: { source: 'src-pkg', sourceVersion: '1.5-1' },
    };
    const m = db.match(bin);
    assert.equal(m.length, 1);
    assert.equal(m[0]!.version, '1.5-1');
    const ubuntu = { ...bin, purl: debPurl('libfoo1', '1.5-1', 'amd64', 'ubuntu') };
    assert.equal(db.match(ubuntu).length, 0, 'a Debian record does not match an Ubuntu package');
  });
});

describe('built-in advisory set', () => {
  const all = builtinAdvisories();
  const db = new AdvisoryDb(all);
  test('loads offline without problems and holds the reference incidents', () => {
    const ids = all.map((a) => a.id).sort();
    for (const id of [
      'CVE-2024-3094',
      'DSA-5649-1',
      'GHSA-mh6f-8j2x-4483',
      'GHSA-pjwm-rvh2-c87w',
      'GHSA-73qr-pfmq-6rp8',
      'GHSA-g2q5-5433-rhrf',
      'GHSA-97m3-w2cp-4xx6',
      'GHSA-hxxf-q3w9-4xgw',
      'MAL-2025-20690',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    for (const a of all)
      assert.ok(
        a.references.every((r) => /^https:\/\//.test(r.url)),
        a.id,
      );
  });
  test('xz: CVE-2024-3094 and DSA-5649-1 are one group; upstream 5.6.0/5.6.1 affected', () => {
    const g = db.group('DSA-5649-1')!;
    assert.equal(g.id, 'CVE-2024-3094');
    const generic = (v: string) => ({ purl: `pkg:generic/xz@${v}`, ecosystem: 'generic', name: 'xz', version: v });
    assert.equal(db.match(generic('5.6.1')).length, 1);
    assert.equal(db.match(generic('5.6.0')).length, 1);
    assert.equal(db.match(generic('5.4.6')).length, 0);
    assert.equal(db.match(generic('5.6.2')).length, 0);
  });
  test('hijacked npm releases: exactly the documented versions', () => {
    const hit = (n: string, v: string) => db.match(npmComponent(n, v)).length > 0;
    assert.deepEqual(
      ['0.7.28', '0.7.29', '0.7.30', '0.8.0', '0.8.1', '1.0.0', '1.0.1'].map((v) => hit('ua-parser-js', v)),
      [false, true, false, true, false, true, false],
    );
    assert.deepEqual(
      ['2.0.2', '2.0.3', '2.0.4', '2.1.1', '2.1.3', '3.0.1', '3.1.3', '3.1.1'].map((v) => hit('coa', v)),
      [false, true, true, true, true, true, true, false],
    );
    assert.deepEqual(
      ['1.2.8', '1.2.9', '1.3.9', '2.3.9', '1.2.10'].map((v) => hit('rc', v)),
      [false, true, true, true, false],
    );
    assert.deepEqual(
      ['10.1.0', '10.1.1', '10.1.2', '10.1.3', '9.2.1'].map((v) => hit('node-ipc', v)),
      [false, true, true, false, false],
    );
    assert.deepEqual(
      ['3.7.1', '3.7.2', '3.7.3', '4.0.0'].map((v) => hit('eslint-scope', v)),
      [false, true, false, false],
    );
    assert.deepEqual(
      ['3.3.4', '3.3.5', '3.3.6', '4.0.0'].map((v) => hit('event-stream', v)),
      [false, false, true, false],
    );
    assert.equal(hit('flatmap-stream', '0.1.1'), true);
  });
});
