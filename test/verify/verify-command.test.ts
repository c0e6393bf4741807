import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { verifyCommand } from '../../src/cli/commands/verify.js';
import { parseCommandLine, resolveOptions } from '../../src/cli/parse-args.js';
import { GLOBAL_OPTIONS } from '../../src/core/options.js';
import { VigilError } from '../../src/core/errors.js';
import type { VerifySummary } from '../../src/analyzers/artifact/types.js';
import { cleanup, makeRepo, makeTarGz, tempDir } from './helpers.js';

let stderrText = '';
async function run(argv: string[], cwd: string) {
  const table = [...GLOBAL_OPTIONS, ...verifyCommand.options];
  const { flags, positionals } = parseCommandLine(argv, table);
  const options = resolveOptions(table, flags, positionals, undefined, {});
  const stderr = new PassThrough();
  stderrText = '';
  stderr.on('data', (c: Buffer) => (stderrText += c.toString()));
  return verifyCommand.run({ options, cwd, stdout: new PassThrough(), stderr, events: () => {}, env: {} });
}

describe('vigil verify (command)', () => {
  const dirs: string[] = [];
  after(() => cleanup(...dirs));

  test('ARTIFACT --source REPO --ref TAG returns a verify ScanResult', async () => {
    const files = { 'a.c': 'int a;\n', 'configure.ac': 'AC_INIT\n' };
    const repo = makeRepo(files, 'release-3.1');
    const work = tempDir();
    dirs.push(repo, work);
    writeFileSync(join(work, 'proj-3.1.tar.gz'), await makeTarGz({ ...files, configure: '#!/bin/sh\n' }, 'proj-3.1'));
    const out = await run(['proj-3.1.tar.gz', '--source', repo], work);
    assert.equal(out.kind, 'result');
    if (out.kind !== 'result') return;
    assert.equal(out.result.command, 'verify');
    const s = out.result.facts['verify']!['proj-3.1.tar.gz'] as VerifySummary;
    assert.equal(s.source.ref, 'release-3.1');
    assert.equal(s.counts.identical, 2);
    assert.equal(s.explained['autotools-output'], 1);
    assert.equal(out.result.findings.length, 0);
    assert.match(stderrText, /at release-3\.1 \([0-9a-f]{12}; tag release-3\.1 guessed from version 3\.1\)/, 'the guessed tag is shown');
    assert.match(stderrText, /2 identical, .*1 only in the artifact \(1 explained, 0 unexplained\)/);
  });

  test('missing --source is a usage error', async () => {
    await assert.rejects(run(['x.tar.gz'], process.cwd()), (e: unknown) => e instanceof VigilError && e.code === 'E_USAGE');
  });
});
