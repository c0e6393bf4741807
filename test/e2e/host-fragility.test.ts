/**
 * A stock Debian host whose sshd loads libraries each kept by one Debian developer (real, trimmed
 * bookworm Sources and changelogs): that is fragility to rank and fund, not an incident, so
 * `--fail-on high` passes (real CLI). The one build no signed index vouches for still fails
 * `--fail-on medium`. Grouped lines keep each severity apart (low beside sshd, info beside cron only).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from '../debian/archive-server.js';

const STATUS = join(ROOT, 'test', 'fixtures', 'debian', 'status-ssh-host', 'status');
const KEYRING = join(ARCHIVE_FIXTURE, 'test-keyring.gpg');
let tmp: string;
let archive: ArchiveServer;

const host = (extra: string[], status = STATUS) =>
  runCli(
    [
      'host',
      status,
      '--mirror',
      archive.url,
      '--suite',
      'bookworm',
      '--keyring',
      KEYRING,
      '--store',
      join(tmp, 'h.db'),
      '--allow-partial',
      ...extra,
    ],
    { cwd: tmp, home: tmp },
  );

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-host-fragility-'));
  archive = await startArchiveServer();
});
after(async () => {
  await archive.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('vigil host: one maintainer on a privileged path is fragility, not an incident', () => {
  test('--fail-on high passes; the single-maintainer libraries are listed as low, with why', async () => {
    const r = await host(['--fail-on', 'high']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Findings: 0 critical · 0 high · 1 medium · 10 low · 0 info$/m);
    assert.match(r.stdout, /^ {2}low {6}deb\/single-maintainer-on-privileged-path ×9: .*zlib1g@/m);
    const json = await host(['--format', 'json']);
    const single = (JSON.parse(json.stdout).findings as { rule: string; severity: string; explanation: string }[]).filter(
      (f) => f.rule === 'deb/single-maintainer-on-privileged-path',
    );
    assert.equal(single.length, 9);
    assert.ok(single.every((f) => f.severity === 'low' && /fragility to rank and fund, not an incident/.test(f.explanation)));
  });

  test('--fail-on medium still fails on the installed build no signed index vouches for', async () => {
    const r = await host(['--fail-on', 'medium']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^MEDIUM {3}libgpg-error0@1\.46-1\+local1 {2}deb\/installed-version-not-in-archive$/m);
  });

  test('grouped lines carry each severity: low for libraries sshd loads, info for the one only cron loads', async () => {
    // The same host, but libwrap0 is loaded by cron (privileged, not network-facing) instead of sshd.
    const status = join(tmp, 'status');
    const text = readFileSync(STATUS, 'utf8').replace(', libwrap0 (>= 7.6-4~), zlib1g', ', zlib1g');
    writeFileSync(
      status,
      `${text.trimEnd()}\n\nPackage: cron\nStatus: install ok installed\nVersion: 3.0pl1-162\nMaintainer: Cron Maintainer <cron@example.invalid>\nArchitecture: amd64\nDepends: libc6 (>= 2.36), libpam0g (>= 0.99.7.1), libwrap0 (>= 7.6-4~)\nDescription: process scheduling daemon\n`,
    );
    const r = await host(['--fail-on', 'high'], status);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const low = /^ {2}low {6}deb\/single-maintainer-on-privileged-path ×8: (.*)$/m.exec(r.stdout);
    const info = /^ {2}info {5}deb\/single-maintainer-on-privileged-path ×1: libwrap0@7\.6\.q-32$/m.exec(r.stdout);
    assert.ok(low && info, r.stdout);
    assert.doesNotMatch(low[1]!, /libwrap0/);
    const names = low[1]!.split(', ');
    assert.equal(new Set(names).size, names.length, 'each package named once');
  });
});
