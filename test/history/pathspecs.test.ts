/** The history's path classes: the JavaScript matcher selects exactly what git's glob pathspecs select. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILD_PATHS, C_PATHS, globRegex, OTHER_PATHS, pathspecsFor } from '../../src/analyzers/history/pathspecs.js';
import { day, FixtureRepo, MAINTAINER as M } from './fixture-repo.js';

const repo = new FixtureRepo();
after(() => repo.remove());

// Near misses on purpose: case, depth, a directory named like a file, names containing the pattern.
const PATHS = [
  'CMakeLists.txt',
  'lib/cmakelists.TXT',
  'odd/CMakeLists.txt/inner.txt',
  'x.cmake',
  'X.CMAKE',
  'cmake/Find.cmake.in',
  'configure.ac',
  'sub/configure.ac',
  'Configure.ac',
  'configure.in',
  'm4/ax.m4',
  'foo.M4',
  'Makefile.am',
  'src/MAKEFILE.AM',
  'meson.build',
  'a/meson_options.txt',
  'meson.options',
  'SECURITY',
  'SECURITY.md',
  'docs/security.rst',
  'security-policy.txt',
  '.well-known/security.txt',
  'www/.well-known/security.txt',
  'README',
  'readme.txt',
  'docs/README.md',
  'READMEs/x',
  'AUTHORS',
  'Authors.txt',
  'MAINTAINERS',
  'lib/maintainers.md',
  'CODEOWNERS',
  '.github/CODEOWNERS',
  'package.json',
  'node/package.json',
  'package.json.bak',
  '.github/workflows/ci.yml',
  '.github/workflows/sub/x.yml',
  '.github/workflow.yml',
  '.travis.yml',
  'sub/.travis.yml',
  '.travis.yml.orig',
  '.gitlab-ci.yml',
  'appveyor.yml',
  '.appveyor.yml',
  '.circleci/config.yml',
  'azure-pipelines.yml',
  'Jenkinsfile',
  'JENKINSFILE',
  'sub/Jenkinsfile',
  'Jenkinsfile.d/x',
  'azure-pipelines.yml.d',
  '.cirrus.yml/inner',
  '.builds/alpine.yml',
  'build-aux/ci_build.sh',
  'CI-BUILD.SH',
  'tests/fuzz/fuzz_decode.c',
  'tests/ossfuzz.sh',
  'Fuzzing/README.txt',
  'libfuzzer/x.txt',
  'fuzz',
  'src/.gitignore',
  '.gitignore',
  '.gitignore.d/x',
  'src/a.c',
  'src/a.C',
  'inc/b.h',
  'x.cc',
  'x.cpp',
  'x.cxx',
  'asm/y.S',
  'asm/y.s',
  'c/readme',
];
// Comment lines: a .gitignore among them must not ignore the others.
repo.commit(M, day('2020-01-01'), 'all', Object.fromEntries(PATHS.map((p) => [p, `# ${p}\n`])));
const selectedByGit = (specs: string[]) =>
  repo
    .git(['diff-tree', '-r', '--root', '--no-commit-id', '--name-only', '-z', 'HEAD', '--', ...specs])
    .split('\0')
    .filter(Boolean)
    .sort();

for (const [name, cls] of [
  ['build', BUILD_PATHS],
  ['policy/CI/fuzzing', OTHER_PATHS],
  ['C', C_PATHS],
] as const) {
  test(`${name}: the matcher and git's globs select the same paths; literal pathspecs select them too`, () => {
    const git = selectedByGit(cls.globs);
    assert.ok(git.length > 0);
    assert.deepEqual(PATHS.filter((p) => cls.test(p)).sort(), git);
    const literal = pathspecsFor(cls, PATHS);
    assert.ok(
      literal.every((s) => s.startsWith(':(literal)')),
      literal.join(' '),
    );
    assert.deepEqual(selectedByGit(literal), git);
  });
}

test('pathspecsFor keeps the globs when literal paths could select more, or when nothing matches', () => {
  // `odd/CMakeLists.txt` is a file in one commit and a directory in another: `:(literal)` would take its contents.
  assert.deepEqual(pathspecsFor(BUILD_PATHS, ['odd/CMakeLists.txt', 'odd/CMakeLists.txt/inner.txt']), BUILD_PATHS.globs);
  assert.deepEqual(pathspecsFor(BUILD_PATHS, ['src/a.c']), BUILD_PATHS.globs);
  const many = Array.from({ length: 40 * BUILD_PATHS.globs.length + 1 }, (_, i) => `d${i}/CMakeLists.txt`);
  assert.deepEqual(pathspecsFor(BUILD_PATHS, many), BUILD_PATHS.globs);
  assert.deepEqual(pathspecsFor(BUILD_PATHS, ['a/CMakeLists.txt', 'src/a.c']), [':(literal)a/CMakeLists.txt']);
});

test('a glob form git has but the matcher does not know is refused, not guessed', () => {
  assert.throws(() => globRegex({ glob: '**/[ab].c' }), /unsupported/);
  assert.throws(() => globRegex({ glob: 'a/**/b' }), /unsupported/);
});
