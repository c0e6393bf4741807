/** artifact/release-without-source: a release the repository never tagged, judged only when it tags the others. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseWithoutSource, taggedVersion } from '../../src/analyzers/artifact/release-without-source.js';
import { FixtureRepo } from '../history/fixture-repo.js';

const who = { name: 'owner', email: 'owner@example.invalid' };

function repoWith(tags: string[]): FixtureRepo {
  const r = new FixtureRepo('vigil-rws-');
  tags.forEach((t, i) => {
    r.commit(who, `2021-0${i + 1}-01T10:00:00Z`, `release ${t}`, { 'index.js': `module.exports = ${i};\n` });
    r.git(['tag', t]);
  });
  return r;
}

test('tag names: v-prefixed, name-prefixed and scoped-monorepo styles; other packages and non-versions are ignored', () => {
  assert.equal(taggedVersion('v1.2.3', 'lib'), '1.2.3');
  assert.equal(taggedVersion('1.2.3', 'lib'), '1.2.3');
  assert.equal(taggedVersion('lib@1.2.3', 'lib'), '1.2.3');
  assert.equal(taggedVersion('lib-v1.2.3', 'lib'), '1.2.3');
  assert.equal(taggedVersion('other@1.2.3', 'lib'), undefined);
  assert.equal(taggedVersion('nightly', 'lib'), undefined);
});

test('a version after two tagged releases with no tag of its own is a finding; its gitHead absent from the repository is named', async () => {
  const r = repoWith(['v0.7.27', 'v0.7.28']);
  try {
    const f = await releaseWithoutSource({
      subject: 'pkg:npm/lib@0.7.29',
      source: r.dir,
      name: 'lib',
      version: '0.7.29',
      gitHead: 'f'.repeat(40),
    });
    assert.ok(f);
    assert.equal(f.rule, 'artifact/release-without-source');
    assert.equal(f.severity, 'medium');
    assert.match(f.title, /lib@0\.7\.29 has no tag .* gitHead is not a commit there, which tags 2 other releases/);
    assert.ok(f.evidence.some((e) => e.field === 'gitHead' && e.after === 'f'.repeat(40)));
    // The tagged releases themselves are fine.
    assert.equal(await releaseWithoutSource({ subject: 'x', source: r.dir, name: 'lib', version: '0.7.28' }), undefined);
  } finally {
    r.remove();
  }
});

test('a repository that tags fewer than two earlier versions (or never tags) says nothing', async () => {
  const one = repoWith(['v1.0.0']);
  const none = repoWith([]);
  none.commit(who, '2021-05-01T10:00:00Z', 'work', { 'a.js': '1;\n' });
  try {
    assert.equal(await releaseWithoutSource({ subject: 'x', source: one.dir, name: 'lib', version: '1.0.1' }), undefined);
    assert.equal(await releaseWithoutSource({ subject: 'x', source: none.dir, name: 'lib', version: '1.0.1' }), undefined);
  } finally {
    one.remove();
    none.remove();
  }
});
