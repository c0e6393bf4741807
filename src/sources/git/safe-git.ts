/**
 * Run the system `git` on an UNTRUSTED repository.
 *
 * Contract:
 * - no shell (execFile/spawn with an argument vector);
 * - a fresh environment: no system/global config, no inherited GIT_* variables, no prompts, no pager,
 *   no replace refs (a hostile repo could otherwise rewrite what history we see);
 * - every config key that names a command (hooks, fsmonitor, pager, external diff, gpg programs,
 *   ssh command, askpass, credential helper, proxies) is overridden on the command line, which wins
 *   over the repository's own `.git/config`; textconv and external diff are also refused per command;
 * - no transport can run: `protocol.allow=never` and, because a repository's per-protocol setting
 *   (`protocol.ext.allow=always`) would beat that default, `protocol.<name>.allow=never` for each
 *   protocol on the command line, which beats the repository's config;
 * - partial clones with a promisor remote are refused: reading a missing object would make git
 *   fetch it from the remote (GIT_NO_LAZY_FETCH stops that only on git ≥ 2.44);
 * - we never run commands that apply filters (no checkout, status, add, `cat-file --filters`): blobs
 *   are read raw from the object database;
 * - output is bounded: capture has a byte cap, streams have a line cap.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, resolve } from 'node:path';
import { VigilError } from '../../core/errors.js';

/** `-c key=value` pairs that neutralize every command-bearing setting a repository may carry. */
export const SAFE_CONFIG: readonly string[] = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'core.pager=cat',
  'core.editor=false',
  'core.askPass=',
  'core.sshCommand=false',
  'core.gitProxy=',
  'core.alternateRefsCommand=',
  'core.quotePath=true',
  'credential.helper=',
  'diff.external=',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'log.showSignature=false',
  'log.mailmap=false',
  'mailmap.file=',
  'mailmap.blob=',
  'pager.log=false',
  'pager.show=false',
  'pager.diff=false',
  'protocol.allow=never',
  'protocol.ext.allow=never',
  'protocol.file.allow=never',
  'protocol.ssh.allow=never',
  'protocol.git.allow=never',
  'protocol.http.allow=never',
  'protocol.https.allow=never',
  'fetch.recurseSubmodules=false',
  'uploadpack.packObjectsHook=',
  'sequence.editor=false',
  'i18n.logOutputEncoding=UTF-8',
  // Reading a repository owned by another user is safe only because of the overrides above.
  'safe.directory=*',
];

/** Arguments to add to every diff-producing command (log -p, diff-tree, show). */
export const NO_EXEC_DIFF_ARGS: readonly string[] = ['--no-ext-diff', '--no-textconv'];

/** A minimal, fresh environment: nothing from the caller's GIT_* variables leaks in. */
export function safeGitEnv(repoPath: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    PATH: base.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    LC_ALL: 'C',
    LANG: 'C',
    TZ: 'UTC',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_ASKPASS: 'false',
    SSH_ASKPASS: 'false',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_ATTR_NOSYSTEM: '1',
    GIT_NO_LAZY_FETCH: '1',
    GIT_PROTOCOL_FROM_USER: '0',
    // Repository discovery never climbs above the directory we were given.
    GIT_CEILING_DIRECTORIES: dirname(resolve(repoPath)),
  };
}

export function safeGitArgs(repoPath: string, args: readonly string[]): string[] {
  const cfg = SAFE_CONFIG.flatMap((kv) => ['-c', kv]);
  return ['--no-pager', '--no-replace-objects', ...cfg, '-C', resolve(repoPath), ...args];
}

export interface GitRunOptions {
  /** Cap on captured stdout bytes; beyond it the process is killed and `truncated` is set. */
  maxBytes?: number;
  /** Bytes written to stdin (then closed). */
  input?: string;
  /** Exit codes that are not failures (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: number[];
  gitBinary?: string;
}

export interface GitRunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
  truncated: boolean;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const checked = new Map<string, Promise<void>>();

/**
 * Refuses a partial clone with a promisor remote (once per repository and process): any read of
 * a missing object would otherwise ask the remote for it, running a transport the repository chose.
 */
export function assertNoPromisor(repoPath: string, gitBinary?: string): Promise<void> {
  const key = resolve(repoPath);
  let p = checked.get(key);
  if (!p) {
    p = runGitRaw(repoPath, ['config', '--get-regexp', '^(remote\\..*\\.promisor|extensions\\.partialclone)$'], {
      okCodes: [1, 128],
      ...(gitBinary ? { gitBinary } : {}),
    }).then((r) => {
      const lines = r.code === 0 ? r.stdout.toString('utf8').split('\n').filter(Boolean) : [];
      const promisor = lines.find((l) => /^extensions\.partialclone\s+\S/i.test(l) || /\.promisor\s+(true|yes|on|1)\s*$/i.test(l));
      if (promisor) {
        throw new VigilError(
          'E_GIT',
          `${repoPath}: a partial clone with a promisor remote (${promisor.split(/\s/)[0]}); reading it could make git fetch from that remote, so vigil does not read it`,
          {
            subject: repoPath,
            hint: 'analyze a full clone (git clone without --filter), or fetch the missing objects yourself first',
          },
        );
      }
    });
    checked.set(key, p);
  }
  return p;
}

/** Run git and capture its output (bounded). Throws E_GIT on a non-ok exit code. */
export async function runGit(repoPath: string, args: readonly string[], opts: GitRunOptions = {}): Promise<GitRunResult> {
  await assertNoPromisor(repoPath, opts.gitBinary);
  return runGitRaw(repoPath, args, opts);
}

function runGitRaw(repoPath: string, args: readonly string[], opts: GitRunOptions = {}): Promise<GitRunResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(opts.gitBinary ?? 'git', safeGitArgs(repoPath, args), {
      env: safeGitEnv(repoPath),
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      if (truncated) return;
      if (size + c.length > maxBytes) {
        chunks.push(c.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        child.kill('SIGTERM');
        return;
      }
      chunks.push(c);
      size += c.length;
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < 16_384) stderr += c.toString('utf8');
    });
    child.on('error', (e) => reject(gitSpawnError(e, repoPath)));
    child.on('close', (code) => {
      const c = code ?? -1;
      if (!truncated && c !== 0 && !(opts.okCodes ?? []).includes(c)) {
        reject(gitFailure(repoPath, args, c, stderr));
        return;
      }
      resolvePromise({ stdout: Buffer.concat(chunks), stderr, code: c, truncated });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

export interface GitStreamOptions {
  /** Stop (and kill git) after this many lines; `truncated` is then set. */
  maxLines?: number;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  gitBinary?: string;
}

export interface GitStreamResult {
  lines: number;
  truncated: boolean;
  code: number;
  stderr: string;
}

/** Spawn git (safe arguments and environment) with `input` on stdin; stderr is kept (bounded). */
async function startGit(repoPath: string, args: readonly string[], opts: { input?: string; gitBinary?: string }) {
  await assertNoPromisor(repoPath, opts.gitBinary);
  const child = spawn(opts.gitBinary ?? 'git', safeGitArgs(repoPath, args), {
    env: safeGitEnv(repoPath),
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: false,
  });
  child.stdin.on('error', () => {});
  child.stdin.end(opts.input ?? '');
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    if (err.length < 16_384) err += c.toString('utf8');
  });
  const closed = new Promise<number>((res, rej) => {
    child.on('error', (e) => rej(gitSpawnError(e, repoPath)));
    child.on('close', (code) => res(code ?? -1));
  });
  return { child, closed, stderr: () => err };
}

/**
 * Stream git's stdout line by line into `onLine` (spawn + readline). Resolves when git exits; a
 * non-zero exit resolves too (with `code` and `stderr`) so the caller can keep a partial result.
 */
export async function streamGit(
  repoPath: string,
  args: readonly string[],
  onLine: (line: string) => void,
  opts: GitStreamOptions = {},
): Promise<GitStreamResult> {
  const { child, closed, stderr } = await startGit(repoPath, args, opts);
  const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
  const max = opts.maxLines ?? Number.POSITIVE_INFINITY;
  let lines = 0;
  let truncated = false;
  try {
    for await (const line of rl) {
      if (lines >= max) {
        truncated = true;
        child.kill('SIGTERM');
        break;
      }
      lines++;
      onLine(line);
    }
  } finally {
    rl.close();
    // onLine threw or we stopped early: do not leave git running.
    if (child.exitCode === null && (truncated || lines < max)) child.stdout.destroy();
  }
  const code = await closed;
  return { lines, truncated, code: truncated ? 0 : code, stderr: stderr() };
}

/**
 * Stream git's raw stdout (byte chunks, as they come) into `onChunk`, with `input` on stdin. For
 * binary protocols such as `cat-file --batch`, where nothing is buffered whole. Resolves when git
 * exits (a non-zero exit resolves too); if `onChunk` throws, git is killed and the error rethrown.
 */
export async function streamGitBytes(
  repoPath: string,
  args: readonly string[],
  onChunk: (chunk: Buffer) => void,
  opts: { input?: string; gitBinary?: string } = {},
): Promise<{ code: number; stderr: string }> {
  const { child, closed, stderr } = await startGit(repoPath, args, opts);
  try {
    for await (const chunk of child.stdout) onChunk(chunk as Buffer);
  } catch (e) {
    child.kill('SIGTERM');
    await closed.catch(() => undefined);
    throw e;
  }
  return { code: await closed, stderr: stderr() };
}

function gitSpawnError(e: Error & { code?: string }, repoPath: string): VigilError {
  if (e.code === 'ENOENT') {
    return new VigilError('E_GIT', 'the git program was not found', {
      hint: 'install git and make sure it is on PATH',
      subject: repoPath,
      cause: e,
    });
  }
  return new VigilError('E_GIT', `could not run git: ${e.message}`, { subject: repoPath, cause: e });
}

function gitFailure(repoPath: string, args: readonly string[], code: number, stderr: string): VigilError {
  const first = stderr.split('\n').find((l) => l.trim()) ?? '';
  return new VigilError('E_GIT', `git ${args[0] ?? ''} failed (exit ${code}): ${first.trim()}`, {
    subject: repoPath,
  });
}
