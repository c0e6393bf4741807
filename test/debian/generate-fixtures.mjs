#!/usr/bin/env node
// Regenerates the Debian fixtures from real archive indexes already downloaded (by vigil or by hand)
// from the mirror in this machine's apt sources:
//   node test/debian/generate-fixtures.mjs PACKAGES_FILE SOURCES_FILE
// Writes test/fixtures/debian/{archive-mini,status-ssh-host,debs}. Needs gpg, xz, gzip, dpkg-deb.
// The archive is signed with a throwaway test key (its public keyring is committed next to it).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [packagesFile, sourcesFile] = process.argv.slice(2);
if (!packagesFile || !sourcesFile) throw new Error('usage: generate-fixtures.mjs PACKAGES SOURCES');
const FIX = new URL('../fixtures/debian/', import.meta.url).pathname;

function stanzas(text) {
  return text
    .split(/\n\n+/)
    .filter((s) => s.trim())
    .map((s) => s.trim());
}
const field = (s, f) => new RegExp(`^${f}: (.*)$`, 'mi').exec(s)?.[1];
function keep(s, fields) {
  const out = [];
  let on = false;
  for (const line of s.split('\n')) {
    if (/^\s/.test(line)) {
      if (on) out.push(line);
      continue;
    }
    const name = line.slice(0, line.indexOf(':'));
    on = fields.includes(name);
    if (on) out.push(line);
  }
  return out.join('\n');
}

const BIN = [
  'openssh-server',
  'openssh-client',
  'libsystemd0',
  'liblzma5',
  'libc6',
  'libgcc-s1',
  'gcc-12-base',
  'zlib1g',
  'libzstd1',
  'liblz4-1',
  'libgcrypt20',
  'libgpg-error0',
  'libcap2',
  'libssl3',
  'xz-utils',
  'libwrap0',
  'libcrypt1',
  'libselinux1',
  'libpcre2-8-0',
  'libaudit1',
  'libaudit-common',
  'libcap-ng0',
  'libpam0g',
  'libcom-err2',
  'debconf',
  'adduser',
  'passwd',
];
const SRC = [
  'xz-utils',
  'openssh',
  'systemd',
  'glibc',
  'zlib',
  'libzstd',
  'lz4',
  'libgcrypt20',
  'libgpg-error',
  'libcap2',
  'openssl',
  'gcc-12',
  'tcp-wrappers',
  'libxcrypt',
  'libselinux',
  'pcre2',
  'audit',
  'libcap-ng',
  'pam',
  'e2fsprogs',
  'debconf',
  'adduser',
  'shadow',
];
const PKG_FIELDS = [
  'Package',
  'Source',
  'Version',
  'Installed-Size',
  'Maintainer',
  'Architecture',
  'Multi-Arch',
  'Replaces',
  'Provides',
  'Depends',
  'Pre-Depends',
  'Recommends',
  'Suggests',
  'Breaks',
  'Conflicts',
  'Description',
  'Homepage',
  'Section',
  'Priority',
  'Essential',
  'Filename',
  'Size',
  'SHA256',
];
const SRC_FIELDS = [
  'Package',
  'Binary',
  'Version',
  'Maintainer',
  'Uploaders',
  'Architecture',
  'Standards-Version',
  'Format',
  'Checksums-Sha256',
  'Vcs-Browser',
  'Vcs-Git',
  'Homepage',
  'Directory',
  'Priority',
  'Section',
];

const pk = stanzas(readFileSync(packagesFile, 'utf8')).filter((s) => BIN.includes(field(s, 'Package')));
const sr = stanzas(readFileSync(sourcesFile, 'utf8')).filter((s) => SRC.includes(field(s, 'Package')));
const packages = pk.map((s) => keep(s, PKG_FIELDS)).join('\n\n') + '\n';
// Packaging tarballs for two sources: debian/changelog only (the real changelogs kept in
// fixtures/debian/changelogs/), so the Checksums-Sha256 line of those stanzas is rewritten to match.
const pool = [];
const srcStanzas = sr.map((s) => {
  const name = field(s, 'Package');
  const cl = join(FIX, 'changelogs', `${name}.changelog`);
  const m = /^ ([0-9a-f]{64}) (\d+) (\S+\.debian\.tar\.xz)$/m.exec(s);
  let text;
  try {
    text = readFileSync(cl);
  } catch {
    return s;
  }
  if (!m) return s;
  const d = mkdtempSync(join(tmpdir(), 'vigil-src-'));
  mkdirSync(join(d, 'debian'));
  writeFileSync(join(d, 'debian/changelog'), text);
  const tarBytes = execFileSync('tar', [
    '--sort=name',
    '--mtime=@1700000000',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    d,
    '-cf',
    '-',
    'debian',
  ]);
  rmSync(d, { recursive: true, force: true });
  const xz = execFileSync('xz', ['-9', '-c'], { input: tarBytes });
  pool.push({ path: `${field(s, 'Directory')}/${m[3]}`, bytes: xz });
  return s.replace(m[0], ` ${createHash('sha256').update(xz).digest('hex')} ${xz.length} ${m[3]}`);
});
const sources = srcStanzas.map((s) => keep(s, SRC_FIELDS)).join('\n\n') + '\n';

// --- archive-mini: dists/bookworm with Packages (xz+gz), Sources (xz), signed InRelease.
const arch = join(FIX, 'archive-mini');
rmSync(arch, { recursive: true, force: true });
const dist = join(arch, 'dists/bookworm');
mkdirSync(join(dist, 'main/binary-amd64'), { recursive: true });
mkdirSync(join(dist, 'main/source'), { recursive: true });
const files = {
  'main/binary-amd64/Packages.xz': execFileSync('xz', ['-9', '-c'], { input: packages }),
  'main/binary-amd64/Packages.gz': execFileSync('gzip', ['-9', '-n', '-c'], { input: packages }),
  'main/source/Sources.xz': execFileSync('xz', ['-9', '-c'], { input: sources }),
};
for (const [p, b] of Object.entries(files)) writeFileSync(join(dist, p), b);
for (const { path, bytes } of pool) {
  mkdirSync(join(arch, path, '..'), { recursive: true });
  writeFileSync(join(arch, path), bytes);
}
const sha = (b) => createHash('sha256').update(b).digest('hex');
const release =
  [
    'Origin: Debian',
    'Label: Debian',
    'Suite: oldstable',
    'Codename: bookworm',
    'Date: Sat, 10 Jan 2026 10:00:00 UTC',
    'Architectures: amd64',
    'Components: main',
    'Description: vigil test fixture trimmed from the real bookworm indexes',
    'SHA256:',
    ...Object.entries(files).map(([p, b]) => ` ${sha(b)} ${String(b.length).padStart(8)} ${p}`),
    ` ${sha(Buffer.from(packages))} ${String(Buffer.byteLength(packages)).padStart(8)} main/binary-amd64/Packages`,
  ].join('\n') + '\n';
const gh = mkdtempSync(join(tmpdir(), 'vigil-gpg-'));
const gpg = (args, input) => execFileSync('gpg', ['--homedir', gh, '--batch', '--quiet', ...args], { input });
gpg(['--passphrase', '', '--quick-gen-key', 'vigil test archive key <test@invalid>', 'ed25519', 'sign', '0']);
writeFileSync(join(arch, 'test-keyring.gpg'), gpg(['--export']));
writeFileSync(join(dist, 'InRelease'), gpg(['--clearsign', '--digest-algo', 'SHA256'], release));
rmSync(gh, { recursive: true, force: true });

// --- status-ssh-host: the same packages as installed, plus one newer, one superseded, one foreign package.
const st = join(FIX, 'status-ssh-host');
mkdirSync(st, { recursive: true });
const STATUS_FIELDS = PKG_FIELDS.filter((f) => !['Filename', 'Size', 'SHA256'].includes(f));
let status = pk.map((s) => keep(s, STATUS_FIELDS).replace(/^Package: (.*)$/m, 'Package: $1\nStatus: install ok installed')).join('\n\n');
status = status.replace(/^(Package: libgpg-error0\nStatus: install ok installed[\s\S]*?^Version: )(.*)$/m, '$1$2+local1');
status = status.replace(/^(Package: libcap2\nStatus: install ok installed[\s\S]*?^Version: )1:(.*)$/m, '$11:2.44-1');
status += `\n\nPackage: vendor-agent\nStatus: install ok installed\nPriority: optional\nSection: admin\nMaintainer: Example Vendor <ops@vendor.invalid>\nArchitecture: amd64\nVersion: 3.2.1\nDepends: libc6 (>= 2.34), libssl3 (>= 3.0.0)\nDescription: constructed package from a repository that is no longer configured\n`;
writeFileSync(join(st, 'status'), status);

// --- debs: tiny packages, one per control.tar compression, plus broken ones.
const debs = join(FIX, 'debs');
rmSync(debs, { recursive: true, force: true });
mkdirSync(debs, { recursive: true });
const build = (name, comp, control) => {
  const d = mkdtempSync(join(tmpdir(), 'vigil-deb-'));
  mkdirSync(join(d, 'DEBIAN'));
  mkdirSync(join(d, 'usr/share/doc', name), { recursive: true });
  writeFileSync(join(d, 'usr/share/doc', name, 'README'), 'fixture\n');
  writeFileSync(join(d, 'DEBIAN/control'), control);
  const out = join(debs, `${name}_1.0-1_amd64.deb`);
  execFileSync('dpkg-deb', ['--root-owner-group', `-Z${comp}`, '--build', d, out], {
    stdio: 'ignore',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' },
  });
  rmSync(d, { recursive: true, force: true });
  return out;
};
const ctl = (name, extra) =>
  `Package: ${name}\nVersion: 1.0-1\nArchitecture: amd64\nMaintainer: Fixture <fixture@invalid>\n${extra}Description: vigil fixture\n continuation line\n .\n after an empty line\n`;
build(
  'fixture-app',
  'xz',
  ctl(
    'fixture-app',
    'Source: fixture-src (1.0-0.1)\nDepends: fixture-missing | fixture-lib (>= 1.0), mail-transport-agent\nPre-Depends: fixture-tool\n',
  ),
);
build('fixture-lib', 'gzip', ctl('fixture-lib', 'Section: libs\nMulti-Arch: same\n'));
const tool = build('fixture-tool', 'zstd', ctl('fixture-tool', 'Provides: mail-transport-agent\n'));
writeFileSync(join(debs, 'truncated_1.0_amd64.deb'), readFileSync(tool).subarray(0, 90));
writeFileSync(join(debs, 'not-a-deb_1.0_amd64.deb'), 'this is not an ar archive\n');
console.log(`archive-mini: ${pk.length} binary, ${sr.length} source stanzas; status-ssh-host; debs`);
