/**
 * A native binary larger than the archive read cap, through the real CLI: it is reported as not
 * analysed, with the `--max-file-mb` that would read it; with that cap it is analysed (and what an
 * earlier run stored under the smaller cap is not served for it). Padding an addon past the cap is
 * how a hostile package would keep its binary out of analysis.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { publish, writeLockedProject } from '../helpers/publish.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';

const skip = gccMissing();
const ADDON = 'build/Release/addon.node';
let reg: RegistryServer;
let tmp: string;
let project: string;

const vigil = (args: string[]) =>
  runCli([...args, '--registry', reg.url, '--store', join(tmp, 'store.db'), '--no-progress'], { cwd: project, home: tmp });

interface Json {
  findings: { rule: string; severity: string; subject: string }[];
  problems: { code: string; file?: string; message: string; hint?: string }[];
}

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(join(tmpdir(), 'vigil-large-binary-'));
  reg = await startRegistryServer();
  project = join(tmp, 'app');
  mkdirSync(project);
  // An addon whose constructor runs system(), padded with zeros to 2.5 MiB (bytes past the
  // sections change nothing the loader reads).
  const addon = buildLib('addon-exec', { strip: true });
  const padded = Buffer.concat([addon, Buffer.alloc(2.5 * 1048576 - addon.length)]);
  await publish(reg, {
    name: 'padded-addon',
    version: '1.0.0',
    files: { [ADDON]: padded, 'index.js': "module.exports = require('./build/Release/addon.node');\n" },
  });
  writeLockedProject(project, reg, { 'padded-addon': '1.0.0' });
});
after(async () => {
  if (skip) return;
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a native binary over the archive read cap (real CLI)', { skip }, () => {
  test('under the cap it is not analysed: a problem names the file and the --max-file-mb that reads it', async () => {
    const r = await vigil(['scan', '.', '--format', 'json', '--max-file-mb', '2']);
    const j = JSON.parse(r.stdout) as Json;
    const p = j.problems.find((x) => x.code === 'E_ARCHIVE' && x.file === ADDON);
    assert.ok(p, JSON.stringify(j.problems));
    assert.match(p.message, /ELF file not analysed/);
    assert.match(p.hint ?? '', /--max-file-mb 3\b/);
    assert.ok(!j.findings.some((f) => f.rule === 'binary/load-time-exec'), 'nothing of the binary was analysed');
  });

  test('with the cap the hint gives, the same store analyses it: the constructor running system() is high', async () => {
    const r = await vigil(['scan', '.', '--format', 'json', '--max-file-mb', '3']);
    const j = JSON.parse(r.stdout) as Json;
    assert.ok(!j.problems.some((x) => x.file === ADDON), JSON.stringify(j.problems));
    const f = j.findings.find((x) => x.rule === 'binary/load-time-exec');
    assert.ok(f, 'the stored not-analysed result under the smaller cap was not served');
    assert.equal(f.severity, 'high');
  });

  test('vigil inspect reads it under the same option', async () => {
    const under = JSON.parse((await vigil(['inspect', 'npm:padded-addon@1.0.0', '--format', 'json', '--max-file-mb', '2'])).stdout) as Json;
    assert.ok(under.problems.some((x) => x.code === 'E_ARCHIVE' && x.file === ADDON && /--max-file-mb 3\b/.test(x.hint ?? '')));
    const over = JSON.parse((await vigil(['inspect', 'npm:padded-addon@1.0.0', '--format', 'json', '--max-file-mb', '3'])).stdout) as Json;
    assert.ok(
      over.findings.some((f) => f.rule === 'binary/load-time-exec' && f.severity === 'high'),
      JSON.stringify(over.problems),
    );
  });

  test('a cap outside 1-512 MiB is a usage error (exit 2) naming the option', async () => {
    const r = await vigil(['scan', '.', '--format', 'json', '--max-file-mb', '0']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-file-mb must be between 1 and 512/);
  });
});
