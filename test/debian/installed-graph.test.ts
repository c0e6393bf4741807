import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseDpkgStatus } from '../../src/inventory/dpkg-status.js';
import { resolveInstalledGraph } from '../../src/formats/debian/installed-graph.js';
import { parseRelations } from '../../src/formats/debian/relations.js';

/** A status file from compact `name arch version [;; Field: value]...` lines. */
function status(lines: string[]): string {
  return (
    lines
      .map((l) => {
        const [head, ...fields] = l.split(' ;; ');
        const [name, arch, version] = head!.split(' ');
        return [`Package: ${name}`, 'Status: install ok installed', `Architecture: ${arch}`, `Version: ${version}`, ...fields].join('\n');
      })
      .join('\n\n') + '\n'
  );
}

function depsOf(text: string) {
  const { packages } = parseDpkgStatus(text, 'status');
  const g = resolveInstalledGraph(packages);
  const edges = g.deps.map((d) => `${d.from.name}:${d.from.arch} -> ${d.to.name}:${d.to.arch}${d.via ? ` via ${d.via}` : ''}`);
  return { g, edges };
}

describe('relations parser', () => {
  test('alternatives, versions, arch qualifiers, restrictions', () => {
    const r = parseRelations('a (>= 1:2.0~rc1) | b:any, c [amd64 i386] <!nocheck>, d (<< 3)');
    assert.deepEqual(r.clauses, [
      [
        { name: 'a', op: '>=', version: '1:2.0~rc1' },
        { name: 'b', archQualifier: 'any' },
      ],
      [{ name: 'c' }],
      [{ name: 'd', op: '<<', version: '3' }],
    ]);
    assert.deepEqual(r.bad, []);
  });
});

describe('installed graph resolution', () => {
  test('first installed alternative that satisfies the version wins', () => {
    const { edges } = depsOf(
      status(['app amd64 1 ;; Depends: mta-old (>= 2) | exim4 | postfix', 'mta-old amd64 1.5', 'exim4 amd64 4.96', 'postfix amd64 3.7']),
    );
    assert.deepEqual(edges, ['app:amd64 -> exim4:amd64']);
  });
  test('virtual packages resolve through Provides; versioned relations need versioned Provides', () => {
    const { edges, g } = depsOf(
      status([
        'app amd64 1 ;; Depends: mail-transport-agent, libfoo-abi (>= 2), awk (>= 1)',
        'postfix amd64 3.7 ;; Provides: mail-transport-agent',
        'libfoo2 amd64 2.1 ;; Provides: libfoo-abi (= 2.1)',
        'mawk amd64 1.3 ;; Provides: awk',
      ]),
    );
    assert.deepEqual(edges, ['app:amd64 -> postfix:amd64 via mail-transport-agent', 'app:amd64 -> libfoo2:amd64 via libfoo-abi']);
    assert.equal(g.unmet.length, 1, 'unversioned Provides cannot satisfy awk (>= 1)');
    assert.equal(g.unmet[0]!.clause[0]!.name, 'awk');
  });
  test('a real package is preferred over a provider of the same name', () => {
    const { edges } = depsOf(status(['app amd64 1 ;; Depends: foo', 'foo amd64 1', 'bar amd64 1 ;; Provides: foo']));
    assert.deepEqual(edges, ['app:amd64 -> foo:amd64']);
  });
  test('Multi-Arch: same arch first, foreign and all satisfy any arch, arch-all dependents use the native arch', () => {
    const { edges } = depsOf(
      status([
        'dpkg amd64 1.21',
        'app i386 1 ;; Depends: libx, tool, data',
        'libx amd64 1 ;; Multi-Arch: same',
        'libx i386 1 ;; Multi-Arch: same',
        'tool amd64 1 ;; Multi-Arch: foreign',
        'data all 1',
        'script all 1 ;; Depends: libx',
      ]),
    );
    assert.ok(edges.includes('app:i386 -> libx:i386'));
    assert.ok(edges.includes('app:i386 -> tool:amd64'));
    assert.ok(edges.includes('app:i386 -> data:all'));
    assert.ok(edges.includes('script:all -> libx:amd64'));
  });
  test('Pre-Depends are edges too, and a clause nothing satisfies is unmet', () => {
    const { edges, g } = depsOf(status(['app amd64 1 ;; Pre-Depends: libc6 (>= 2.36) ;; Depends: missing-pkg', 'libc6 amd64 2.36-9']));
    assert.deepEqual(edges, ['app:amd64 -> libc6:amd64']);
    assert.equal(g.deps[0]!.field, 'Pre-Depends');
    assert.equal(g.unmet[0]!.clause[0]!.name, 'missing-pkg');
  });
  test('a version constraint below the installed version is not satisfied', () => {
    const { g } = depsOf(status(['app amd64 1 ;; Depends: libc6 (>= 2.37)', 'libc6 amd64 2.36-9+deb12u10']));
    assert.equal(g.deps.length, 0);
    assert.equal(g.unmet.length, 1);
  });
});
