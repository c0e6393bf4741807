/** The `diff` command object: options in, ScanResult out, through the real wiring (store + npm client) against a local registry. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { diffCommand } from '../../src/cli/commands/diff.js';
import { isVigilError } from '../../src/core/errors.js';
import { serveScenario } from './helpers.js';

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

test('vigil diff npm:NAME FROM TO returns a diff result; bad specs are usage errors', async () => {
  const rig = await serveScenario('maintainers-replaced');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-diff-cmd-'));
  const run = (positionals: string[]) =>
    diffCommand.run({
      options: {
        values: { store: join(dir, 'vigil.db'), registry: rig.reg.url, concurrency: 4, offline: false },
        sources: {},
        positionals,
      },
      cwd: dir,
      stdout: sink(),
      stderr: sink(),
      events: () => {},
      env: {},
    });
  try {
    const out = await run(['npm:left-padder', '1.0.2', '1.0.3']);
    assert.equal(out.kind, 'result');
    if (out.kind !== 'result') return;
    assert.equal(out.result.command, 'diff');
    const high = out.result.findings.find((f) => f.rule === 'release-diff/takeover-risk');
    // Registry metadata alone (maintainers replaced, new publisher) is capped at medium.
    assert.equal(high?.severity, 'medium');
    assert.equal(high?.subject, 'pkg:npm/left-padder@1.0.3');
    // No tarballs are served in this scenario: the files comparison is a problem, the rest stands.
    assert.ok(out.result.problems.some((p) => /files of left-padder@1\.0\.3 not compared/.test(p.message)));
    await assert.rejects(run(['left-padder']), (e: unknown) => isVigilError(e, 'E_USAGE'));
  } finally {
    await rig.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
