import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElfDynamic } from '../../src/analyzers/debian/elf.js';
import { dpkgFileOwners, elfClosure } from '../../src/analyzers/debian/elf-closure.js';
import { scanDebianHost } from '../../src/app/host-scan.js';
import type { DebianFacts } from '../../src/analyzers/debian/host-analysis.js';
import { makeElf } from './elf-fixture.js';

const STATUS = `Package: dpkg
Status: install ok installed
Architecture: amd64
Version: 1.21.22

Package: openssh-server
Status: install ok installed
Architecture: amd64
Version: 1:9.2p1-2+deb12u3
Depends: libsystemd0, libc6 (>= 2.36)

Package: libsystemd0
Status: install ok installed
Architecture: amd64
Section: libs
Version: 252.22-1~deb12u1
Depends: liblzma5 (>= 5.1.1alpha+20120614), libc6

Package: liblzma5
Status: install ok installed
Architecture: amd64
Section: libs
Version: 5.4.1-0.2

Package: libc6
Status: install ok installed
Architecture: amd64
Section: libs
Version: 2.36-9+deb12u4
`;

describe('ELF DT_NEEDED', () => {
  let root: string;
  before(() => {
    // A merged-/usr root filesystem: /lib → usr/lib, files listed by dpkg under /lib.
    root = mkdtempSync(join(tmpdir(), 'vigil-rootfs-'));
    const lib = join(root, 'usr/lib/x86_64-linux-gnu');
    mkdirSync(lib, { recursive: true });
    mkdirSync(join(root, 'usr/sbin'), { recursive: true });
    mkdirSync(join(root, 'var/lib/dpkg/info'), { recursive: true });
    symlinkSync('usr/lib', join(root, 'lib'));
    writeFileSync(join(root, 'usr/sbin/sshd'), makeElf({ needed: ['libsystemd.so.0', 'libc.so.6'], runpath: '$ORIGIN/../lib/private' }));
    writeFileSync(join(lib, 'libsystemd.so.0.35.0'), makeElf({ needed: ['liblzma.so.5', 'libc.so.6'], soname: 'libsystemd.so.0' }));
    symlinkSync('libsystemd.so.0.35.0', join(lib, 'libsystemd.so.0'));
    writeFileSync(join(lib, 'liblzma.so.5'), makeElf({ needed: ['libc.so.6', 'libmissing.so.1'], soname: 'liblzma.so.5' }));
    writeFileSync(join(lib, 'libc.so.6'), makeElf({ needed: [], soname: 'libc.so.6' }));
    writeFileSync(join(root, 'var/lib/dpkg/status'), STATUS);
    const list = (pkg: string, files: string[]) => writeFileSync(join(root, `var/lib/dpkg/info/${pkg}.list`), files.join('\n') + '\n');
    list('openssh-server', ['/usr/sbin/sshd']);
    list('libsystemd0:amd64', ['/lib/x86_64-linux-gnu/libsystemd.so.0', '/lib/x86_64-linux-gnu/libsystemd.so.0.35.0']);
    list('liblzma5:amd64', ['/lib/x86_64-linux-gnu/liblzma.so.5']);
    list('libc6:amd64', ['/lib/x86_64-linux-gnu/libc.so.6']);
    writeFileSync(join(root, 'usr/sbin/broken'), makeElf({ needed: ['x.so'] }).subarray(0, 100));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('reads DT_NEEDED, DT_RUNPATH and DT_SONAME', () => {
    assert.deepEqual(readElfDynamic(join(root, 'usr/sbin/sshd')), {
      needed: ['libsystemd.so.0', 'libc.so.6'],
      runpath: ['$ORIGIN/../lib/private'],
      rpath: [],
    });
    assert.equal(readElfDynamic(join(root, 'usr/lib/x86_64-linux-gnu/libsystemd.so.0'))?.soname, 'libsystemd.so.0');
  });
  test('truncated or non-ELF files yield undefined, never throw', () => {
    assert.equal(readElfDynamic(join(root, 'usr/sbin/broken')), undefined);
    assert.equal(readElfDynamic(join(root, 'var/lib/dpkg/status')), undefined);
    assert.equal(readElfDynamic(join(root, 'nope')), undefined);
  });
  test('closure: sshd → libsystemd.so.0 → liblzma.so.5, mapped to packages across merged /usr', () => {
    const owners = dpkgFileOwners(root, new Set(['/usr/sbin/sshd']));
    const c = elfClosure(root, '/usr/sbin/sshd', 'amd64', owners)!;
    assert.equal(c.package, 'openssh-server');
    const lz = c.libraries.find((l) => l.soname === 'liblzma.so.5');
    assert.deepEqual(lz?.via, ['libsystemd.so.0', 'liblzma.so.5']);
    assert.equal(lz?.package, 'liblzma5');
    assert.deepEqual(c.unresolved, ['libmissing.so.1']);
  });
  test('host scan of the root filesystem confirms the package path with ELF', async () => {
    const r = await scanDebianHost({ targets: [root], archive: false });
    const sshd = (r.facts.debian as unknown as DebianFacts).privilegedPaths.find((p) => p.service === 'sshd')!;
    const lz = sshd.libraries.find((l) => l.name === 'liblzma5')!;
    assert.deepEqual(lz.path, ['openssh-server', 'libsystemd0', 'liblzma5']);
    assert.deepEqual(lz.elf, { confirmed: true, soname: 'liblzma.so.5', via: ['libsystemd.so.0', 'liblzma.so.5'] });
    assert.deepEqual(sshd.elf?.binaries, ['/usr/sbin/sshd']);
  });
});
