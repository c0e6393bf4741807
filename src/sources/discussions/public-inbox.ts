/**
 * public-inbox v2 archives: one git repository per epoch (`git/0.git`, `git/1.git`...), each commit's
 * tree holds the message in a file named `m`. Read with the safe git runner: `rev-list` for the
 * commits, then one `cat-file --batch` process for the blobs (raw objects, never filtered).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { runGit, safeGitArgs, safeGitEnv } from '../git/safe-git.js';

/** True for a bare git directory or a work tree with `.git`. */
export function isGitRepo(dir: string): boolean {
  try {
    if (existsSync(join(dir, '.git'))) return true;
    return statSync(join(dir, 'objects')).isDirectory() && existsSync(join(dir, 'HEAD'));
  } catch {
    return false;
  }
}

/** Epoch repositories of a public-inbox v2 directory, in epoch order; [dir] when dir is itself a repo. */
export function publicInboxEpochs(dir: string): string[] {
  const gitDir = join(dir, 'git');
  try {
    if (statSync(gitDir).isDirectory()) {
      return readdirSync(gitDir)
        .filter((n) => /^\d+\.git$/.test(n))
        .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
        .map((n) => join(gitDir, n));
    }
  } catch {
    /* not a v2 inbox */
  }
  return isGitRepo(dir) ? [dir] : [];
}

export interface InboxBlob {
  commit: string;
  bytes: Buffer;
  truncated: boolean;
}

/** Yields the `m` blob of every commit of one epoch, oldest first. Blobs over maxBytes are cut. */
export async function* readEpoch(repo: string, maxBytes: number, maxCommits: number): AsyncGenerator<InboxBlob> {
  const list = await runGit(repo, ['rev-list', '--reverse', `--max-count=${maxCommits}`, 'HEAD'], { maxBytes: 256 * 1024 * 1024 });
  const commits = list.stdout
    .toString('latin1')
    .split('\n')
    .filter((l) => /^[0-9a-f]{40,64}$/.test(l));
  if (commits.length === 0) return;
  const child = spawn('git', safeGitArgs(repo, ['cat-file', '--batch']), {
    env: safeGitEnv(repo),
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: false,
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 4096) stderr += c.toString();
  });
  const failed = new Promise<never>((_, rej) =>
    child.on('error', (e) => rej(new VigilError('E_GIT', `could not run git: ${e.message}`, { subject: repo, cause: e }))),
  );
  failed.catch(() => {});
  child.stdin.on('error', () => {});
  child.stdin.end(commits.map((c) => `${c}:m\n`).join(''));

  let buf: Buffer = Buffer.alloc(0);
  let idx = 0;
  let need: { size: number } | undefined;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (!need) {
          const nl = buf.indexOf(0x0a);
          if (nl === -1) break;
          const header = buf.subarray(0, nl).toString('latin1');
          buf = buf.subarray(nl + 1);
          const m = /^\S+ (\w+) (\d+)$/.exec(header);
          if (!m) {
            idx++;
            continue;
          } // `<name> missing`: a deletion commit or no `m`
          need = { size: Number(m[2]) };
        }
        if (buf.length < need.size + 1) break;
        const body = buf.subarray(0, need.size);
        buf = buf.subarray(need.size + 1);
        need = undefined;
        const commit = commits[idx++] ?? '';
        const truncated = body.length > maxBytes;
        yield { commit, bytes: Buffer.from(truncated ? body.subarray(0, maxBytes) : body), truncated };
      }
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  if (stderr.trim() && idx === 0) throw new VigilError('E_GIT', `git cat-file failed: ${stderr.split('\n')[0]}`, { subject: repo });
}
