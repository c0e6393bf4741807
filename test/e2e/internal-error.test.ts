/**
 * Bugs are not findings (principle 14), through the real CLI: an analyzer that raises a TypeError
 * makes `vigil scan` exit 70 with a one-line bug report hint (stack only with --debug), while an
 * expected failure (a VigilError) stays a Problem in a completed report.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vigil.js');
const PRELOAD = pathToFileURL(join(ROOT, 'test', 'helpers', 'throwing-analyzer.mjs')).href;
const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'small-app');

let reg: RegistryServer;
let tmp: string;

async function vigil(args: string[], inject: { id: string; kind?: string }) {
  const dir = mkdtempSync(join(tmp, 'p-'));
  cpSync(FIXTURE, dir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    HOME: tmp,
    npm_config_userconfig: join(tmp, 'none.npmrc'),
    VIGIL_TEST_THROW_IN: inject.id,
    VIGIL_TEST_THROW_KIND: inject.kind ?? 'TypeError',
  };
  delete env.VIGIL_DEBUG;
  const argv = ['--import', PRELOAD, BIN, 'scan', dir, '--registry', reg.url, '--store', join(dir, 'store.db'), ...args];
  try {
    const r = await run(process.execPath, argv, { env, cwd: tmp, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-bug-'));
  reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a programming error in an analyzer', () => {
  test('a TypeError in a component analyzer exits 70 with a one-line report hint and no stack', async () => {
    const r = await vigil(['--format', 'json'], { id: 'npm-install-script' });
    assert.equal(r.code, 70, r.stderr);
    assert.equal(r.stdout, '', 'no report is printed for a run that hit a bug');
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0]!, /^vigil: internal error: InternalError: TypeError: .*while running analyzer npm-install-script on pkg:npm\//);
    assert.match(lines[1]!, /bug in vigil: please report it.*--debug/);
    assert.equal(lines.length, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack without --debug');
  });

  test('--debug adds the stack trace, down to the original TypeError', async () => {
    const r = await vigil(['--debug'], { id: 'content' });
    assert.equal(r.code, 70, r.stderr);
    assert.match(r.stderr, /caused by: TypeError: Cannot read properties of undefined/);
    assert.match(r.stderr, /\n\s+at .*throwing-analyzer\.mjs/);
  });

  test('a TypeError in an inventory analyzer exits 70 too', async () => {
    const r = await vigil([], { id: 'advisories' });
    assert.equal(r.code, 70, r.stderr);
    assert.match(r.stderr, /while running analyzer advisories/);
  });

  test('an expected failure (VigilError) stays a problem: the scan completes with exit 0', async () => {
    const r = await vigil(['--format', 'json'], { id: 'npm-install-script', kind: 'VigilError' });
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { problems: { code: string; message: string }[] };
    const p = j.problems.filter((x) => x.code === 'E_ANALYZER');
    assert.ok(
      p.length > 0 && p.every((x) => /npm-install-script failed: injected expected failure/.test(x.message)),
      JSON.stringify(j.problems),
    );
  });
});
