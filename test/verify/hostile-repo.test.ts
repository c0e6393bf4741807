import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyArtifact } from '../../src/app/verify.js';
import type { VerifySummary } from '../../src/analyzers/artifact/types.js';
import { cleanup, makeCatalogue, makeRepo, makeTarGz, tempDir } from './helpers.js';

test('a repository whose config names commands (fsmonitor, hooks, filters, textconv) runs none of them', async () => {
  const work = tempDir();
  const marker = join(work, 'pwned');
  const files = { 'a.sh': 'echo a\n', '.gitattributes': '* filter=evil diff=evil\n' };
  const repo = makeRepo(files, 'v1.0');
  const cat = makeCatalogue();
  try {
    const cmd = `touch ${marker}`;
    appendFileSync(
      join(repo, '.git/config'),
      `[core]\n\tfsmonitor = ${cmd}\n\thooksPath = .\n[filter "evil"]\n\tclean = ${cmd}\n\tsmudge = ${cmd}\n[diff "evil"]\n\ttextconv = ${cmd}\n\tcommand = ${cmd}\n`,
    );
    writeFileSync(join(work, 'p-1.0.tar.gz'), await makeTarGz({ ...files, 'a.sh': 'echo b\n' }, 'p-1.0'));
    const r = await verifyArtifact(join(work, 'p-1.0.tar.gz'), { source: repo, cwd: work, catalogueDir: cat });
    const s = Object.values(r.facts['verify']!)[0] as VerifySummary;
    assert.deepEqual(s.different, ['a.sh'], 'the changed file was still read and compared');
    assert.equal(existsSync(marker), false, 'no configured command ran');
  } finally {
    cleanup(work, repo, cat);
  }
});
