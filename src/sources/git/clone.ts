/**
 * A shallow clone of a remote git repository into a private temp dir, for scanning a project a
 * worker can only reach by URL. Same contract as safe-git.ts: no shell, a fresh environment (no
 * system/global config, no prompts, no credential helper), every command-bearing setting neutralized,
 * no hooks (`--template=` and `core.hooksPath=/dev/null`), no submodules, symlinks checked out as
 * plain files (so nothing read through the checkout can leave it), and only the URL's own transport
 * allowed (`protocol.allow=never` plus `protocol.<scheme>.allow=always`; `ext::` never).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { runGit, safeGitEnv, SAFE_CONFIG } from './safe-git.js';

/** Transports a clone may use (ssh is left out: workers run with no keys or agent). */
const SCHEMES: ReadonlySet<string> = new Set(['https', 'http', 'git', 'file']);

/** True when S names a remote repository (`scheme://…`) rather than a path. */
export function isGitUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
}

/**
 * Checks URL and returns it with its scheme. A URL carrying a password or token is refused: the
 * job queue stores its payload, and no secret is ever stored.
 */
export function checkGitUrl(url: string): { url: string; scheme: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new VigilError('E_USAGE', `"${url}" is not a URL`, { subject: url });
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  if (!SCHEMES.has(scheme)) {
    throw new VigilError('E_USAGE', `git URL "${url}": the ${scheme} transport is not supported (use ${[...SCHEMES].join(', ')})`, {
      subject: url,
    });
  }
  if (u.password) {
    throw new VigilError('E_USAGE', `git URL for ${u.host}: carries a password or token, which the job queue would store`, {
      subject: u.host,
      hint: 'give workers read access another way (a public URL or a mirror they can reach)',
    });
  }
  return { url: u.href, scheme };
}

export interface Clone {
  dir: string;
  commit: string;
  remove(): void;
}

/** `git clone --depth 1` of URL's default branch into a new temp dir (removed again on failure). */
export async function shallowClone(url: string, opts: { signal?: AbortSignal; gitBinary?: string } = {}): Promise<Clone> {
  const checked = checkGitUrl(url);
  const parent = mkdtempSync(join(tmpdir(), 'vigil-clone-'));
  const dir = join(parent, 'repo');
  const remove = (): void => rmSync(parent, { recursive: true, force: true });
  const config = [
    ...SAFE_CONFIG.filter((kv) => !kv.startsWith('protocol.')),
    'protocol.allow=never',
    `protocol.${checked.scheme}.allow=always`,
    'core.symlinks=false',
    'submodule.recurse=false',
  ];
  const args = [
    '--no-pager',
    ...config.flatMap((kv) => ['-c', kv]),
    'clone',
    '--quiet',
    '--depth',
    '1',
    '--single-branch',
    '--no-tags',
    '--no-recurse-submodules',
    '--template=',
    '--',
    checked.url,
    dir,
  ];
  try {
    await new Promise<void>((done, fail) => {
      const child = spawn(opts.gitBinary ?? 'git', args, {
        env: safeGitEnv(parent),
        cwd: parent,
        stdio: ['ignore', 'ignore', 'pipe'],
        shell: false,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        if (stderr.length < 16_384) stderr += c.toString('utf8');
      });
      child.on('error', (e) =>
        fail(new VigilError('E_GIT', `could not clone ${checked.url}: ${e.message}`, { subject: checked.url, cause: e })),
      );
      child.on('close', (code) => {
        if (code === 0) return done();
        const first = stderr.split('\n').find((l) => l.trim()) ?? '';
        fail(
          new VigilError('E_GIT', `git clone ${checked.url} failed (exit ${code ?? 'signal'}): ${first.trim()}`, { subject: checked.url }),
        );
      });
    });
    const head = await runGit(dir, ['rev-parse', 'HEAD'], { ...(opts.gitBinary ? { gitBinary: opts.gitBinary } : {}) });
    return { dir, commit: head.stdout.toString('utf8').trim(), remove };
  } catch (e) {
    remove();
    throw e;
  }
}
