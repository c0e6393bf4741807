import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { isVigilError } from '../../src/core/errors.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dpkgStatusInventory } from '../../src/inventory/dpkg-status.js';
import { computePrivilegedPaths } from '../../src/analyzers/debian/privileged-paths.js';
import { carriedByOnePerson, isTeam, parsePerson, sourcePeople } from '../../src/analyzers/debian/people.js';
import { scanDebianHost } from '../../src/app/host-scan.js';
import { analyzeDebianInventory, debianHostAnalyzer, type DebianFacts } from '../../src/analyzers/debian/host-analysis.js';
import type { DebArchiveData } from '../../src/sources/debian/archive-data.js';
import type { Finding } from '../../src/core/types.js';
import type { UploadHistory } from '../../src/analyzers/debian/uploads.js';
import { DEBIAN_RULES } from '../../src/analyzers/debian/rules.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { findExecutable } from '../../src/sources/debian/gpgv.js';
import { hostCommand } from '../../src/cli/commands/host.js';
import { PassThrough } from 'node:stream';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from './archive-server.js';
import { servicesOf } from '../helpers/factories.js';

const STATUS = new URL('../fixtures/debian/status-ssh-host/status', import.meta.url).pathname;
const KEYRING = join(ARCHIVE_FIXTURE, 'test-keyring.gpg');

describe('privileged paths', () => {
  const inv = dpkgStatusInventory(readFileSync(STATUS, 'utf8'), STATUS);
  const facts = computePrivilegedPaths(inv);
  test('openssh-server → libsystemd0 → liblzma5', () => {
    const sshd = facts.find((f) => f.service === 'sshd');
    assert.ok(sshd, 'sshd is installed in the fixture');
    assert.equal(sshd.exposure, 'network');
    const lzma = sshd.libraries.find((l) => l.name === 'liblzma5');
    assert.deepEqual(lzma?.path, ['openssh-server', 'libsystemd0', 'liblzma5']);
    assert.equal(lzma?.source, 'xz-utils');
    assert.deepEqual(sshd.libraries.find((l) => l.name === 'zlib1g')?.path, ['openssh-server', 'zlib1g']);
  });
  test('non-library dependencies are not followed (openssh-client, debconf, adduser)', () => {
    const names = facts.find((f) => f.service === 'sshd')!.libraries.map((l) => l.name);
    for (const n of ['openssh-client', 'debconf', 'adduser', 'passwd', 'gcc-12-base', 'libaudit-common']) assert.ok(!names.includes(n), n);
  });
});

describe('people', () => {
  const entry = (maintainer: string, uploaders: string[] = []) => ({
    version: '1',
    maintainer,
    uploaders,
    vcs: {},
    binaries: [],
    line: 1,
    suite: 's',
    uri: 'u',
  });
  test('teams, individuals and the QA group', () => {
    assert.ok(isTeam(parsePerson('Debian OpenSSH Maintainers <debian-ssh@lists.debian.org>')));
    assert.ok(isTeam(parsePerson('Debian Python Team <team+python@tracker.debian.org>')));
    assert.ok(!isTeam(parsePerson('Mark Brown <broonie@debian.org>')));
    assert.equal(sourcePeople('x', entry('Debian QA Group <packages@qa.debian.org>')).kind, 'orphaned');
  });
  test('the xz-utils profile: one person, no team, is flagged; a co-maintained package is not', () => {
    const solo = sourcePeople('xz-utils', entry('Jia Example <jia@example.invalid>'));
    assert.equal(solo.kind, 'individual');
    assert.equal(solo.individuals.length, 1);
    assert.ok(carriedByOnePerson(solo));
    const same = sourcePeople('y', entry('A <a@x.invalid>', ['A <A@x.invalid>']));
    assert.equal(same.individuals.length, 1, 'the same address twice is one person');
    assert.ok(!carriedByOnePerson(sourcePeople('z', entry('A <a@x.invalid>', ['B <b@x.invalid>']))));
    assert.ok(!carriedByOnePerson(sourcePeople('t', entry('Some Team <t@lists.x.invalid>'))));
  });
});

describe('vigil host against a local archive', () => {
  let srv: ArchiveServer;
  before(async () => {
    srv = await startArchiveServer();
  });
  after(async () => {
    await srv.close();
  });

  test('findings, facts and the result model', async () => {
    const store = new MemoryStore();
    const r = await scanDebianHost({ targets: [STATUS], store, mirror: srv.url, suites: ['bookworm'], keyring: KEYRING });
    assert.equal(r.command, 'host');
    assert.equal(r.summary.components, 28);
    const f = r.facts.debian as unknown as DebianFacts;
    // People per source package, from the (real, trimmed) Sources stanzas.
    assert.equal(f.people['openssh']?.kind, 'team');
    assert.equal(f.people['zlib']?.maintainer.email, 'broonie@debian.org');
    assert.equal(f.people['xz-utils']?.individuals.length, 3);
    // zlib1g: one person, on sshd's path, no risk signal (one security upload by a newcomer is routine) → low.
    const single = r.findings.filter((x) => x.rule === 'deb/single-maintainer-on-privileged-path');
    const zlib = single.find((x) => x.subject.includes('/zlib1g@'));
    assert.ok(zlib, single.map((x) => x.title).join('\n'));
    assert.equal(zlib.severity, 'low', 'one maintainer alone is fragility, not an incident');
    assert.ok(single.length >= 5 && single.every((x) => x.severity === 'low'), single.map((x) => `${x.severity} ${x.title}`).join('\n'));
    assert.ok(zlib.evidence.some((e) => e.kind === 'path' && e.path?.join('>') === 'openssh-server>zlib1g'));
    assert.ok(zlib.evidence.some((e) => e.field === 'Maintainer' && e.value === 'Mark Brown <broonie@debian.org>'));
    assert.ok(!single.some((x) => /xz-utils|openssh|systemd|glibc/.test(x.title)), 'team- or co-maintained sources are not flagged');
    // The +local1 build is not in the archive; the older libcap2 is only superseded (a fact); vendor-agent is unknown.
    const notIn = r.findings.filter((x) => x.rule === 'deb/installed-version-not-in-archive').map((x) => x.subject);
    assert.deepEqual(notIn, ['pkg:deb/debian/libgpg-error0@1.46-1+local1?arch=amd64']);
    assert.deepEqual(
      r.findings.filter((x) => x.rule === 'deb/package-from-unknown-origin').map((x) => x.subject),
      ['pkg:deb/debian/vendor-agent@3.2.1?arch=amd64'],
    );
    assert.deepEqual(
      f.archive?.superseded.map((s) => s.name),
      ['libcap2'],
    );
    assert.ok(f.privilegedPaths.some((p) => p.service === 'sshd'));
    const xz = f.criticality.find((c) => c.source === 'xz-utils');
    assert.deepEqual(xz?.services.network, ['sshd']);
    assert.ok(xz!.reasons.includes('loaded by network-facing sshd'));
    assert.ok(f.criticality.findIndex((c) => c.source === 'xz-utils') < f.criticality.findIndex((c) => c.source === 'debconf'));
    if (findExecutable('gpgv')) assert.equal(f.suites[0]!.signature, 'verified');
    for (const x of r.findings)
      assert.ok(
        DEBIAN_RULES.some((ri) => ri.id === x.rule),
        x.rule,
      );
    assert.ok(r.findings.every((x) => x.fingerprint));
  });

  test('offline after an online scan: same findings from the store, no request', async () => {
    const store = new MemoryStore();
    const opts = { targets: [STATUS], store, mirror: srv.url, suites: ['bookworm'], keyring: KEYRING };
    const online = await scanDebianHost(opts);
    const n = srv.requests.length;
    const offline = await scanDebianHost({ ...opts, offline: true });
    assert.equal(srv.requests.length, n);
    assert.equal(offline.offline, true);
    assert.deepEqual(
      offline.findings.map((f) => f.fingerprint),
      online.findings.map((f) => f.fingerprint),
    );
  });

  test('without the archive: privileged paths still computed, the rest reported as skipped', async () => {
    const r = await scanDebianHost({ targets: [STATUS], archive: false });
    const f = r.facts.debian as unknown as DebianFacts;
    assert.ok(f.privilegedPaths.length > 0);
    assert.equal(r.findings.length, 0);
    assert.ok(r.skipped.some((s) => /archive disabled/.test(s.reason)));
    assert.ok(r.unavailable.some((u) => u.field === 'debian-archive'));
  });

  test('a mirror that answers 404 for the suite named with --suite: input not found, not a clean report', async () => {
    await assert.rejects(
      scanDebianHost({
        targets: [STATUS],
        store: new MemoryStore(),
        mirror: `${srv.url}/nothing-here`,
        suites: ['bookworm'],
        keyring: KEYRING,
      }),
      (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND') && /suite "bookworm" is not in the archive/.test(e.message),
    );
  });

  test('missing input is a clear error', async () => {
    await assert.rejects(scanDebianHost({ targets: ['/nonexistent/status'], archive: false }), /nonexistent\/status: no such file/);
  });

  test('registry analyzer: works from the inventory alone', async () => {
    const inv = dpkgStatusInventory(readFileSync(STATUS, 'utf8'), STATUS);
    const out = await debianHostAnalyzer.analyze({ inventory: inv, offline: true, services: servicesOf() });
    assert.ok((out.facts as unknown as DebianFacts).privilegedPaths.some((p) => p.service === 'sshd'));
    assert.equal(debianHostAnalyzer.rules.length, 3);
  });

  test('the host command returns a ScanResult (no archive, explicit status file)', async () => {
    const out = await hostCommand.run({
      options: { values: { archive: false, 'max-age': 3600 }, sources: {}, positionals: [STATUS] },
      cwd: process.cwd(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      events: () => {},
      env: {},
    });
    assert.equal(out.kind, 'result');
    if (out.kind === 'result') {
      assert.equal(out.result.command, 'host');
      assert.equal(out.result.target.path, STATUS);
      assert.equal(out.result.inventory.components.length, 28);
    }
  });
});

describe('single maintainer: fragility alone, an incident with a risk signal', () => {
  const inv = dpkgStatusInventory(readFileSync(STATUS, 'utf8'), STATUS);
  const debs = inv.components.filter((c) => c.ecosystem === 'deb');
  const sourceOf = (c: (typeof debs)[number]) => String(c.meta?.source ?? c.name);
  /** Every installed binary vouched for at its version; zlib kept by one person, everything else by a team. */
  const archive = (): DebArchiveData => ({
    suites: [
      {
        uri: 'http://archive.invalid/debian',
        suite: 'bookworm',
        components: ['main'],
        signature: 'verified',
        indexes: { 'main/binary-amd64/Packages.xz': 'x' },
      },
    ],
    packages: new Map(
      debs.map((c) => [c.name, [{ version: c.version, arch: String(c.meta?.arch), source: sourceOf(c), suite: 'bookworm' }]]),
    ),
    sources: new Map(
      [...new Set(debs.map(sourceOf))].map((s) => [
        s,
        [
          {
            version: '1',
            maintainer: s === 'zlib' ? 'Mark Brown <broonie@debian.invalid>' : 'Some Team <team@lists.debian.invalid>',
            uploaders: [],
            vcs: {},
            binaries: [],
            line: 1,
            suite: 'bookworm',
            uri: 'http://archive.invalid/debian',
          },
        ],
      ]),
    ),
    problems: [],
  });
  const zlibOf = (fs: Finding[]) => fs.find((f) => f.rule === 'deb/single-maintainer-on-privileged-path' && f.subject.includes('/zlib1g@'));
  const history = (newcomerUploads: number, recent: number): Record<string, UploadHistory> => ({
    zlib: {
      uploads: 40,
      first: '2005-01-01T00:00:00Z',
      last: '2025-06-01T00:00:00Z',
      recent,
      nmus: 0,
      people: [],
      newcomers: [{ name: 'New Person', email: 'new@example.invalid', first: '2024-09-01T00:00:00Z', uploads: newcomerUploads }],
    },
  });

  test('one maintainer, no risk signal: low (network-facing sshd), and says why', () => {
    const z = zlibOf(analyzeDebianInventory(inv, archive()).findings);
    assert.equal(z?.severity, 'low');
    assert.match(z!.explanation, /fragility to rank and fund, not an incident/);
  });

  test('a newcomer carrying the recent uploads of the long-kept package: one step up (medium), the newcomer named in the evidence', () => {
    const z = zlibOf(analyzeDebianInventory(inv, archive(), { uploads: history(4, 6) }).findings);
    assert.equal(z?.severity, 'medium');
    assert.ok(z!.evidence.some((e) => e.label === 'risk signal' && /newcomer New Person .* \(4 uploads\)/.test(String(e.value))));
    assert.match(z!.explanation, /1 risk signal/);
  });

  test('a newcomer with one upload among many (a security upload, an NMU) is routine: still low', () => {
    assert.equal(zlibOf(analyzeDebianInventory(inv, archive(), { uploads: history(1, 6) }).findings)?.severity, 'low');
    assert.equal(zlibOf(analyzeDebianInventory(inv, archive(), { uploads: history(2, 9) }).findings)?.severity, 'low');
  });

  test('an installed zlib1g no signed index vouches for: high, with that finding as evidence', () => {
    const a = archive();
    const z1 = debs.find((c) => c.name === 'zlib1g')!;
    a.packages.set('zlib1g', [{ version: '1:1.2.13.dfsg-0', arch: String(z1.meta?.arch), source: 'zlib', suite: 'bookworm' }]);
    const out = analyzeDebianInventory(inv, a);
    assert.ok(out.findings.some((f) => f.rule === 'deb/installed-version-not-in-archive' && f.subject === z1.purl));
    const z = zlibOf(out.findings);
    assert.equal(z?.severity, 'high');
    assert.ok(z!.evidence.some((e) => e.label === 'risk signal' && /newer than anything in bookworm/.test(String(e.value))));
  });
});
