/**
 * `vigil guard -- pnpm add …` and `vigil guard -- yarn add …` end to end, with the real tools — the
 * repository's devDependencies pnpm 9 and Yarn 4 (@yarnpkg/cli-dist) from node_modules/.bin, else
 * the system's — against the local test registry on 127.0.0.1 (pnpm reads `registry=` from the
 * project's .npmrc; Yarn 4 `npmRegistryServer` and `unsafeHttpWhitelist` from .yarnrc.yml).
 * Skipped, with the reason, only when a tool is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onPath, startGuardWorld, treeHash, type GuardWorld } from '../helpers/guard-world.js';

let w: GuardWorld;
const templates: Record<string, string> = {};

const MANIFEST = JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { 'base-pkg': '^1.0.0' } }, null, 2);

before(async () => {
  w = await startGuardWorld();
});
after(async () => {
  await w.reg.close();
  rmSync(w.tmp, { recursive: true, force: true });
});

/** A project installed once with the tool; each test works on a copy. */
async function template(tool: 'pnpm' | 'yarn'): Promise<string> {
  if (templates[tool]) return templates[tool];
  const dir = join(w.tmp, `${tool}-template`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), MANIFEST);
  writeFileSync(join(dir, '.npmrc'), `registry=${w.reg.url}\n`);
  if (tool === 'yarn') {
    const url = w.reg.url.replace(/\/$/, '');
    writeFileSync(
      join(dir, '.yarnrc.yml'),
      `npmRegistryServer: "${url}"\nunsafeHttpWhitelist:\n  - "127.0.0.1"\nnodeLinker: node-modules\nenableGlobalCache: false\nenableTelemetry: false\nenableImmutableInstalls: false\n`,
    );
  }
  const r = await w.sh(tool, ['install'], dir);
  assert.equal(r.code, 0, `${tool} install: ${r.stderr}${r.stdout}`);
  return (templates[tool] = dir);
}

function copy(from: string, name: string): string {
  const dir = join(w.tmp, name);
  cpSync(from, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

for (const [tool, lock] of [
  ['pnpm', 'pnpm-lock.yaml'],
  ['yarn', 'yarn.lock'],
] as const) {
  describe(`vigil guard -- ${tool} add (real CLI, real ${tool}, local registry)`, () => {
    const skip = (t: { skip(reason: string): void }) => {
      if (onPath(w.env, tool)) return false;
      t.skip(`${tool} is neither in node_modules/.bin (a devDependency: run npm install) nor on PATH`);
      return true;
    };

    test(`${tool} add of the package with install-time exfiltration: exit 1, the finding, project byte-identical`, async (t) => {
      if (skip(t)) return;
      const dir = copy(await template(tool), `${tool}-evil`);
      const hash = treeHash(dir, ['package.json', lock, 'node_modules']);
      const r = await w.guard(dir, ['--', tool, 'add', 'evil-pkg']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /evil-pkg\s+1\.0\.0 \(new\)\s+BLOCK\s+critical content\/secret-exfiltration/);
      assert.equal(treeHash(dir, ['package.json', lock, 'node_modules']), hash);
      assert.equal(existsSync(w.marker), false);
    });

    test(`${tool} add of a clean package installs it and exits 0`, async (t) => {
      if (skip(t)) return;
      const dir = copy(await template(tool), `${tool}-good`);
      const r = await w.guard(dir, ['--', tool, 'add', 'good-pkg']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /good-pkg\s+1\.2\.0 \(new\)\s+ok/);
      assert.match(r.stderr, /dep-b\s+2\.0\.1 \(new\)\s+ok/);
      assert.ok(existsSync(join(dir, 'node_modules', 'good-pkg', 'package.json')));
      assert.match(readFileSync(join(dir, lock), 'utf8'), /good-pkg/);
    });
  });
}
