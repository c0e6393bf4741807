/**
 * A bare `npm install` over a lockfile that matches package.json: what node_modules already holds is
 * read from each package's own package.json, and when all that is missing are optional packages for
 * another platform the plan is settled (nothing new) without building inventories. Anything else
 * missing — a required package, another version, a platform npm would install for — is planned in
 * full, and shows up as a change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planNpmProject } from '../../src/app/guard/plan-npm.js';
import { plannedChanges } from '../../src/app/guard/changes.js';
import type { PlatformChoice } from '../../src/engine/platform.js';

const HERE = [{ os: 'linux', cpu: 'x64', libc: 'glibc' }];
const OTHER = { os: ['darwin'] };

function project(t: { after(f: () => void): void }, extra: Record<string, Record<string, unknown>>, installed: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-plan-installed-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const deps = { a: '^1.0.0', b: '^2.0.0' };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps }));
  const packages = {
    '': { name: 'app', version: '1.0.0', dependencies: deps },
    'node_modules/a': { version: '1.2.0', resolved: 'http://registry.invalid/a/-/a-1.2.0.tgz', integrity: 'sha512-a' },
    'node_modules/b': { version: '2.1.0', resolved: 'http://registry.invalid/b/-/b-2.1.0.tgz', integrity: 'sha512-b' },
    ...extra,
  };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, packages }));
  for (const [name, version] of Object.entries(installed)) {
    mkdirSync(join(dir, 'node_modules', name), { recursive: true });
    writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  return dir;
}

const fsevents = (optional: boolean) => ({
  'node_modules/a': {
    version: '1.2.0',
    resolved: 'http://registry.invalid/a/-/a-1.2.0.tgz',
    integrity: 'sha512-a',
    optionalDependencies: { fsevents: '^2.0.0' },
  },
  'node_modules/fsevents': {
    version: '2.3.3',
    resolved: 'http://registry.invalid/fsevents/-/fsevents-2.3.3.tgz',
    integrity: 'sha512-f',
    ...(optional ? { optional: true } : {}),
    ...OTHER,
  },
});

const plan = (dir: string, targets?: PlatformChoice) =>
  planNpmProject(['install'], { projectDir: dir, env: {}, ...(targets ? { targets } : {}) }, 'install');
const changed = async (dir: string, targets?: PlatformChoice) => {
  const p = await plan(dir, targets);
  return plannedChanges(p.before, p.after).map((c) => `${c.component.name}@${c.component.version} ${c.kind}`);
};

test('all installed but an optional package for another platform: settled, with counts, and no inventory built', async (t) => {
  const dir = project(t, fsevents(true), { a: '1.2.0', b: '2.1.0' });
  const p = await plan(dir, HERE);
  assert.deepEqual(p.settled, { unchanged: 2, otherPlatforms: 1 });
  assert.equal(p.after.components.length, 0);
  assert.match(p.method, /the lockfile matches package\.json/);
});

test('a package installed at another version than locked is new: planned in full', async (t) => {
  const dir = project(t, fsevents(true), { a: '1.1.0', b: '2.1.0' });
  assert.equal((await plan(dir, HERE)).settled, undefined);
  assert.deepEqual(await changed(dir, HERE), ['a@1.2.0 new', 'fsevents@2.3.3 new']);
});

test('a missing package for another platform that is not optional, or a command installing for every platform, is planned in full', async (t) => {
  const required = project(t, fsevents(false), { a: '1.2.0', b: '2.1.0' });
  assert.equal((await plan(required, HERE)).settled, undefined);
  assert.deepEqual(await changed(required, HERE), ['fsevents@2.3.3 new']);
  const optional = project(t, fsevents(true), { a: '1.2.0', b: '2.1.0' });
  assert.equal((await plan(optional, 'all')).settled, undefined);
  assert.equal((await plan(optional)).settled, undefined, 'no targets: nothing counts as foreign');
});

test('nothing installed (a fresh clone): every locked package is new', async (t) => {
  const dir = project(t, {}, {});
  assert.deepEqual(await changed(dir, HERE), ['a@1.2.0 new', 'b@2.1.0 new']);
});
