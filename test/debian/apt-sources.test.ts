import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseDeb822Sources, parseSourcesList, readAptSources } from '../../src/formats/debian/apt-sources.js';
import { selectSuites } from '../../src/sources/debian/archive-data.js';
import { readRootfs } from '../../src/inventory/rootfs.js';
import type { Problem } from '../../src/core/types.js';

const fx = (p: string) => new URL(`../fixtures/debian/${p}`, import.meta.url).pathname;

describe('sources.list (one-line format)', () => {
  test('options, trailing comments, deb-src, bad lines', () => {
    const problems: Problem[] = [];
    const s = parseSourcesList(
      '# c\ndeb [arch=amd64,i386 signed-by=/k.gpg] http://127.0.0.1:9/debian/ bookworm main contrib # x\ndeb-src http://127.0.0.1:9/debian bookworm main\nnonsense here\n',
      'sources.list',
      problems,
    );
    assert.equal(s.length, 2);
    assert.deepEqual(
      { ...s[0], file: undefined },
      {
        type: 'deb',
        uri: 'http://127.0.0.1:9/debian',
        suite: 'bookworm',
        components: ['main', 'contrib'],
        architectures: ['amd64', 'i386'],
        signedBy: '/k.gpg',
        file: undefined,
        line: 2,
      },
    );
    assert.equal(s[1]!.type, 'deb-src');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /^sources\.list:4: not an apt source line/);
  });
});

describe('deb822 *.sources', () => {
  test('multiple types, URIs and suites expand; Enabled: no is skipped; inline keys are not paths', () => {
    const text =
      'Types: deb deb-src\nURIs: http://127.0.0.1:9/a http://127.0.0.1:9/b\nSuites: s1 s2\nComponents: main\n\nEnabled: no\nTypes: deb\nURIs: http://127.0.0.1:9/off\nSuites: sid\n\nTypes: deb\nURIs: http://127.0.0.1:9/c\nSuites: trixie\nSigned-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n -----END PGP PUBLIC KEY BLOCK-----\n\nTypes: deb\nSuites: x\n';
    const problems: Problem[] = [];
    const s = parseDeb822Sources(text, 'x.sources', problems);
    assert.equal(s.filter((x) => x.uri.endsWith('/a') || x.uri.endsWith('/b')).length, 8);
    assert.ok(!s.some((x) => x.uri.endsWith('/off')));
    const c = s.find((x) => x.uri.endsWith('/c'))!;
    assert.equal(c.signedBy, undefined);
    assert.match(problems[0]!.message, /x\.sources:18: source stanza needs Types, URIs and Suites/);
  });
});

describe('host apt configuration of a root filesystem', () => {
  test('reads sources.list and *.sources, ignores other names, and groups suites', () => {
    const { sources, problems } = readAptSources(fx('rootfs-minimal'));
    assert.ok(!sources.some((s) => s.uri.includes('ignored')), '*.disabled files are not read');
    assert.ok(!sources.some((s) => s.uri.includes('disabled')));
    assert.equal(problems.length, 1, 'the bad line in sources.list');
    const suites = selectSuites(sources);
    assert.deepEqual(
      suites.map((s) => `${s.uri} ${s.suite} ${s.components.join(',')}`),
      [
        'http://127.0.0.1:9/debian bookworm main,contrib',
        'http://127.0.0.1:9/debian-security bookworm-security main',
        'http://127.0.0.1:9/debian bookworm-updates main,non-free-firmware',
        'http://127.0.0.1:9/debian bookworm-backports main,non-free-firmware',
        'http://127.0.0.1:9/inline-key trixie main',
      ],
    );
    assert.equal(suites[0]!.signedBy, '/usr/share/keyrings/test-keyring.gpg');
  });
  test('--mirror / --suite override the configuration', () => {
    const { sources } = readAptSources(fx('rootfs-minimal'));
    assert.deepEqual(selectSuites(sources, { mirror: 'http://127.0.0.1:7/m/', suites: ['sid'] }), [
      { uri: 'http://127.0.0.1:7/m', suite: 'sid', components: ['main'], signedBy: undefined },
    ]);
    assert.deepEqual(
      selectSuites(sources, { suites: ['trixie'] }).map((s) => s.uri),
      ['http://127.0.0.1:9/debian'],
    );
  });
  test('rootfs: os-release through a relative link, manual packages as roots', () => {
    const { inventory, info } = readRootfs(fx('rootfs-minimal'));
    assert.equal(info.distro, 'debian');
    assert.equal(info.codename, 'bookworm');
    const rootEdges = inventory.edges.filter((e) => e.from.startsWith('root:')).map((e) => e.to);
    assert.deepEqual(rootEdges.sort(), ['pkg:deb/debian/dpkg@1.21.22?arch=amd64', 'pkg:deb/debian/tool@1.0-1?arch=amd64']);
  });
  test('rootfs: links that leave the root are not followed', () => {
    const { info } = readRootfs(fx('rootfs-escaping-links'));
    assert.deepEqual(info.osRelease, {});
    assert.deepEqual(info.apt, [], "this machine's own apt sources must not be read");
  });
  test('a folder without a dpkg status is a clear error', () => {
    assert.throws(() => readRootfs(fx('debs')), /no dpkg status file inside this root filesystem/);
  });
});
