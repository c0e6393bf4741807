/** supply-chain/ files: parse errors name file and key; record round-trips; imports are pinned by sha256. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSupplyChain } from '../../src/audit/files.js';
import { recordAudit } from '../../src/audit/record.js';
import { fetchImport } from '../../src/audit/imports.js';
import { exportInToto, exportToml } from '../../src/audit/export.js';
import { parseAuditSet } from '../../src/audit/parse.js';
import { parseToml } from '../../src/audit/toml-io.js';

function dir(): string {
  const d = join(mkdtempSync(join(tmpdir(), 'vigil-audit-')), 'supply-chain');
  mkdirSync(d);
  return d;
}

type Coded = Error & { code?: string; file?: string; line?: number };

describe('supply-chain files', () => {
  test('a missing folder is an empty supply chain with the default policy', () => {
    const sc = loadSupplyChain(join(tmpdir(), 'vigil-no-such-dir-audit'));
    assert.deepEqual(sc.policy, { criteria: 'safe-to-deploy', devCriteria: 'safe-to-run' });
    assert.equal(sc.local.entries.length, 0);
  });

  test('invalid TOML names the file and the line', () => {
    const d = dir();
    writeFileSync(join(d, 'audits.toml'), '[[audits."npm:a"]]\nwho = "x"\ncriteria = \n');
    assert.throws(
      () => loadSupplyChain(d),
      (e: Coded) => e.code === 'E_CONFIG' && e.file === join(d, 'audits.toml') && e.line === 3,
    );
  });

  test('shape errors name the entry and the key', () => {
    const cases: [string, RegExp][] = [
      ['[[audits."npm:a"]]\nwho = "x"\ncriteria = "safe-to-run"\n', /needs exactly one of "version", "delta" or "violation"/],
      [
        '[[audits."npm:a"]]\nwho = "x"\ncriteria = "safe-to-run"\ndelta = "1.0.0 to 1.0.1"\n',
        /audits\."npm:a"\[0\]\.delta: expected "FROM -> TO"/,
      ],
      ['[[audits."npm:a"]]\nwho = "x"\ncriteria = "safe-to-run"\nversion = "1.0.0"\nreviewer = "y"\n', /unknown key "reviewer"/],
      ['[[audits."left-pad"]]\nwho = "x"\ncriteria = "safe-to-run"\nversion = "1.0.0"\n', /package keys are ECOSYSTEM:NAME/],
      ['[[audits."npm:a"]]\nwho = "x"\ncriteria = "safe-to-run"\nviolation = "not a range"\n', /is not a semver range/],
    ];
    for (const [text, re] of cases)
      assert.throws(
        () => parseAuditSet(parseToml(text, 'f.toml'), 'f.toml', 'local'),
        (e: Coded) => e.code === 'E_CONFIG' && re.test(e.message),
        text,
      );
  });

  test('record writes audits.toml that loads back, and refuses unknown criteria', () => {
    const d = dir();
    recordAudit(d, {
      entry: { kind: 'full', package: 'npm:a', version: '1.0.0' },
      criteria: ['safe-to-deploy'],
      who: 'Ada',
      notes: 'read all 40 lines',
      date: '2026-12-03',
    });
    recordAudit(d, {
      entry: { kind: 'delta', package: 'npm:a', from: '1.0.0', to: '1.0.1' },
      criteria: ['safe-to-deploy'],
      who: 'Ada',
      date: '2026-12-03',
    });
    const again = recordAudit(d, {
      entry: { kind: 'full', package: 'npm:a', version: '1.0.0' },
      criteria: ['safe-to-deploy'],
      who: 'Ada',
      date: '2026-12-04',
    });
    assert.equal(again.duplicate, true);
    const sc = loadSupplyChain(d);
    assert.deepEqual(
      sc.local.entries.map((e) => e.kind),
      ['full', 'delta'],
    );
    assert.match(readFileSync(join(d, 'audits.toml'), 'utf8'), /delta = "1\.0\.0 -> 1\.0\.1"/);
    assert.throws(
      () =>
        recordAudit(d, {
          entry: { kind: 'full', package: 'npm:a', version: '1.0.0' },
          criteria: ['safe-to-ship'],
          who: 'Ada',
          date: '2026-12-03',
        }),
      (e: Coded) => e.code === 'E_USAGE',
    );
  });

  test('an import is refused unless its bytes match the pin; --update-pins takes new content', async () => {
    const d = dir();
    const body = '[[audits."npm:a"]]\nwho = "Org B"\ncriteria = "safe-to-deploy"\nversion = "1.0.0"\n';
    writeFileSync(join(d, '..', 'theirs.toml'), body);
    const sha = createHash('sha256').update(body).digest('hex');
    const spec = { name: 'orgb', url: '../theirs.toml', criteria: [], packages: [] };
    await assert.rejects(fetchImport(d, spec), (e: Coded) => e.code === 'E_INTEGRITY' && e.message.includes(sha));
    const ok = await fetchImport(d, { ...spec, sha256: sha });
    assert.equal(ok.set.entries[0]!.origin, 'orgb');
    await assert.rejects(
      fetchImport(d, { ...spec, sha256: '0'.repeat(64) }),
      (e: Coded) => e.code === 'E_INTEGRITY' && /pins 0{64}/.test(e.message),
    );
    assert.equal((await fetchImport(d, { ...spec, sha256: '0'.repeat(64) }, { updatePins: true })).repinned, true);
  });

  test('export: TOML that parses back to the same entries; in-toto statements with the lockfile digest', () => {
    const set = {
      criteria: [],
      entries: [
        { kind: 'full' as const, package: 'npm:@s/a', version: '1.0.0', criteria: ['safe-to-deploy'], who: 'Ada', origin: 'local' },
        {
          kind: 'violation' as const,
          package: 'npm:b',
          range: '=2.0.1',
          criteria: ['safe-to-run'],
          who: 'Ada',
          notes: 'steals tokens',
          origin: 'local',
        },
      ],
    };
    const back = parseAuditSet(parseToml(exportToml(set), 'x'), 'x', 'local');
    assert.deepEqual(back.entries, set.entries);
    const sri = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
    const lines = exportInToto(set, (p, v) => (p === 'npm:@s/a' && v === '1.0.0' ? sri : undefined))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0]._type, 'https://in-toto.io/Statement/v1');
    assert.equal(lines[0].subject[0].name, 'pkg:npm/%40s/a@1.0.0');
    assert.equal(lines[0].subject[0].digest.sha512, '07'.repeat(64));
    assert.equal(lines[1].predicate.violation, '=2.0.1');
  });
});
