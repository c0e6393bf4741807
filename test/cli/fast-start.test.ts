/**
 * Fast start: `vigil --version` and `vigil rules` load no scanner, store, HTTP client or analyzer
 * code (commands and renderers are imported on demand). Checked structurally — which modules the
 * real CLI loads — not by timing. Also: the lazy registries stay complete.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_ANALYZERS } from '../../src/analyzers/registry.js';
import { ruleCatalogue } from '../../src/rules/catalogue.js';
import { COMMAND_LOADERS, allCommands } from '../../src/cli/commands/index.js';
import { RENDERERS, loadRenderer } from '../../src/report/index.js';

const BIN = resolve('bin/vigil.js');
let dir: string;
let preload: string;

/** Runs the built CLI and returns its exit code, stdout and every file module it loaded. */
function loadedBy(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const modules = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('LOADED '))
    .map((l) => l.slice(7));
  return { status: r.status, stdout: r.stdout, modules };
}

const HEAVY = [
  /\/dist\/engine\/(?!rules\.js$)/,
  /\/dist\/store\//,
  /\/dist\/sources\//,
  /\/dist\/inventory\//,
  /node_modules\/(undici|better-sqlite3|@cyclonedx|acorn|piscina|tar-stream)\//,
];

describe('fast start', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-fast-start-'));
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      'export async function load(url, context, next) { if (url.startsWith("file:")) process.stderr.write(`LOADED ${url}\\n`); return next(url, context); }\n',
    );
    preload = join(dir, 'preload.mjs');
    writeFileSync(preload, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('vigil --version loads only the CLI shell', () => {
    const r = loadedBy(['--version']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+/);
    assert.ok(
      r.modules.some((m) => m.endsWith('/dist/cli/main.js')),
      'the hook sees the CLI',
    );
    const heavy = r.modules.filter(
      (m) => HEAVY.some((h) => h.test(m)) || /\/dist\/(analyzers|report|cli\/commands)\/(?!index\.js$)/.test(m),
    );
    assert.deepEqual(heavy, []);
  });

  test('vigil rules loads rule tables, not analyzers, the store or the network stack', () => {
    const r = loadedBy(['rules']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /npm\/install-script/);
    assert.deepEqual(
      r.modules.filter((m) => HEAVY.some((h) => h.test(m))),
      [],
    );
    assert.ok(!r.modules.some((m) => m.endsWith('/dist/analyzers/registry.js')), 'the analyzer registry is not loaded');
  });

  test("every registered analyzer's rules are in the catalogue", () => {
    const ids = new Set(ruleCatalogue().map((r) => r.id));
    const missing = ALL_ANALYZERS.flatMap((a) => a.rules.map((r) => r.id)).filter((id) => !ids.has(id));
    assert.deepEqual(missing, []);
  });

  test('each lazily loaded command has the name it is registered under; renderers load by format', async () => {
    const commands = await allCommands();
    assert.deepEqual(
      commands.map((c) => c.name),
      Object.keys(COMMAND_LOADERS),
    );
    for (const format of Object.keys(RENDERERS)) assert.equal(typeof (await loadRenderer(format)), 'function', format);
    assert.equal(await loadRenderer('toString'), undefined);
  });
});
