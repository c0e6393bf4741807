/** Test helpers: fixture paths, and small git repositories built in a temp dir (never the network). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'discussion');

const baseEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  TZ: 'UTC',
};

export function git(dir: string, args: string[], env: Record<string, string> = {}, input?: string): string {
  return execFileSync('git', args, { cwd: dir, env: { ...baseEnv, ...env }, input, encoding: 'utf8' });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vigil-discuss-${prefix}-`));
}

export interface FakeCommit {
  author: [string, string];
  committer?: [string, string];
  date: string;
  commitDate?: string;
  file: string;
}

/** A repository whose history is exactly `commits`, plus annotated tags [name, tagger, date]. */
export function makeRepo(commits: FakeCommit[], tags: [string, [string, string], string][] = []): string {
  const dir = tempDir('repo');
  git(dir, ['init', '-q', '-b', 'main']);
  for (const c of commits) {
    writeFileSync(join(dir, c.file), `${c.date}\n`, { flag: 'a' });
    git(dir, ['add', c.file]);
    const [cn, ce] = c.committer ?? c.author;
    git(dir, ['commit', '-q', '-m', `change ${c.file}`], {
      GIT_AUTHOR_NAME: c.author[0],
      GIT_AUTHOR_EMAIL: c.author[1],
      GIT_AUTHOR_DATE: c.date,
      GIT_COMMITTER_NAME: cn,
      GIT_COMMITTER_EMAIL: ce,
      GIT_COMMITTER_DATE: c.commitDate ?? c.date,
    });
  }
  for (const [name, [tn, te], date] of tags) {
    git(dir, ['tag', '-a', name, '-m', name], { GIT_COMMITTER_NAME: tn, GIT_COMMITTER_EMAIL: te, GIT_COMMITTER_DATE: date });
  }
  return dir;
}

/** A public-inbox v2 epoch: a bare repo whose commits each hold one message in a file named `m`. */
export function makeInbox(messages: string[], deleteIndex?: number): string {
  const top = tempDir('inbox');
  const repo = join(top, 'git', '0.git');
  git(top, ['init', '-q', '--bare', repo]);
  let parent: string | undefined;
  const env = {
    GIT_DIR: repo,
    GIT_AUTHOR_NAME: 'pi',
    GIT_AUTHOR_EMAIL: 'pi@localhost',
    GIT_COMMITTER_NAME: 'pi',
    GIT_COMMITTER_EMAIL: 'pi@localhost',
    GIT_AUTHOR_DATE: '2022-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2022-01-01T00:00:00Z',
  };
  const commit = (tree: string): void => {
    const args = ['commit-tree', tree, '-m', 'msg', ...(parent ? ['-p', parent] : [])];
    parent = git(top, args, env).trim();
  };
  messages.forEach((m, i) => {
    const blob = git(top, ['hash-object', '-w', '--stdin'], env, m).trim();
    commit(git(top, ['mktree'], env, `100644 blob ${blob}\tm\n`).trim());
    if (deleteIndex === i) commit(git(top, ['mktree'], env, '').trim());
  });
  git(top, ['update-ref', 'refs/heads/master', parent!], env);
  git(top, ['symbolic-ref', 'HEAD', 'refs/heads/master'], env);
  return top;
}
