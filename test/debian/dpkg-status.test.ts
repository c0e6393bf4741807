import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dpkgStatusExtractor, dpkgStatusInventory, parseDpkgStatus } from '../../src/inventory/dpkg-status.js';
import { parseControl } from '../../src/formats/debian/control.js';

const fx = (p: string) => new URL(`../fixtures/debian/${p}`, import.meta.url).pathname;

describe('control parser', () => {
  test('continuation lines, paragraph dots, comments and line numbers', () => {
    const [s] = parseControl('# comment\nPackage: a\nDescription: short\n long line\n .\n after\nVersion: 1\n');
    assert.equal(s!.line, 2);
    assert.equal(s!.fields.description, 'short\nlong line\n\nafter');
    assert.equal(s!.fieldLines.version, 7);
  });
  test('reports a line without a colon and a continuation without a field', () => {
    const issues: number[] = [];
    parseControl(' orphan\nPackage: a\nno colon here\n', { onIssue: (i) => issues.push(i.line) });
    assert.deepEqual(issues, [1, 3]);
  });
});

describe('dpkg status (malformed scenario)', () => {
  const file = fx('status-malformed/status');
  const { packages, problems } = parseDpkgStatus(readFileSync(file, 'utf8'), file);
  const names = packages.map((p) => p.name);
  const msg = problems.map((p) => `${p.line}: ${p.message}`).join('\n');

  test('keeps installed, held and half-installed packages; skips removed ones', () => {
    assert.deepEqual(names, ['good-one', 'held-pkg', 'half', 'libc6', 'truncated-at-end']);
    assert.equal(packages.find((p) => p.name === 'held-pkg')!.want, 'hold');
  });
  test('missing Version is reported with file and line, and the stanza skipped', () => {
    const p = problems.find((x) => /no-version has no Version/.test(x.message));
    assert.ok(p, msg);
    assert.equal(p.file, file);
    assert.equal(p.line, 15);
    assert.ok(p.message.startsWith(`${file}:15:`));
  });
  test('stray continuation, line without colon, unfinished install and truncated relation are problems', () => {
    assert.match(msg, /status:26: continuation line without a field/);
    assert.match(msg, /status:27: not a "Field: value" line/);
    assert.match(msg, /half is reinstreq half-installed: dpkg did not finish/);
    assert.match(msg, /truncated-at-end: cannot parse Depends entry "libc6 \(>= 2\."/);
  });
  test('continuation lines are joined and unknown fields do not break parsing', () => {
    const good = packages.find((p) => p.name === 'good-one')!;
    assert.equal(good.section, 'libs');
    assert.equal(good.multiArch, 'same');
    assert.equal(good.depends[0]![0]!.name, 'libc6');
  });
  test('inventory: purls, meta and edges', () => {
    const inv = dpkgStatusInventory(readFileSync(file, 'utf8'), file);
    const good = inv.components.find((c) => c.name === 'good-one')!;
    assert.equal(good.purl, 'pkg:deb/debian/good-one@1.0-1?arch=amd64');
    assert.deepEqual(good.locations, [{ file, line: 1 }]);
    assert.equal(good.meta?.source, 'good-one');
    assert.ok(
      inv.edges.some(
        (e) => e.from === good.purl && e.to === 'pkg:deb/debian/libc6@2.36-9+deb12u10?arch=amd64' && e.spec === 'libc6 (>= 2.34)',
      ),
    );
    assert.ok(inv.edges.some((e) => e.from === 'pkg:deb/debian/held-pkg@2.0?arch=all' && e.to === good.purl));
  });
});

describe('dpkg status (CRLF and duplicate stanzas)', () => {
  const file = fx('status-crlf-duplicates/status');
  const { packages, problems } = parseDpkgStatus(readFileSync(file, 'utf8'), file);
  test('CRLF is accepted, the epoch kept, continuation joined without \\r', () => {
    const p = packages.find((x) => x.name === 'crlf-pkg')!;
    assert.equal(p.version, '1:2.0-3');
    assert.equal(p.arch, 'amd64');
  });
  test('a duplicate stanza is reported and the first kept', () => {
    const dups = packages.filter((x) => x.name === 'dup-pkg');
    assert.equal(dups.length, 1);
    assert.equal(dups[0]!.version, '1.0');
    assert.match(problems.map((x) => x.message).join('\n'), /:14: duplicate stanza for dup-pkg:amd64 \(first at line 9\)/);
  });
  test('an empty status file is a problem, not a crash', () => {
    const r = parseDpkgStatus('', 'empty');
    assert.equal(r.packages.length, 0);
    assert.match(r.problems[0]!.message, /empty/);
  });
});

describe('extractor', () => {
  test('detects a status file by name and content', () => {
    assert.ok(dpkgStatusExtractor.detect('/var/lib/dpkg/status', 'Package: a\nStatus: install ok installed\n'));
    assert.ok(!dpkgStatusExtractor.detect('/x/package-lock.json', '{}'));
  });
});
