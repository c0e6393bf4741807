/** Cheap facts about a repository: is it one, HEAD, shallow, current file list, .mailmap text. */
import { VigilError } from '../../core/errors.js';
import { existsSync } from 'node:fs';
import { assertNoPromisor, runGit } from './safe-git.js';

export interface RepoInfo {
  /** Resolved commit of the analyzed revision, undefined for a repository with no commits. */
  head?: string;
  shallow: boolean;
  bare: boolean;
}

/** Throws E_INPUT_NOT_FOUND / E_GIT when the path is not a readable repository. */
export async function readRepoInfo(repoPath: string, revision = 'HEAD'): Promise<RepoInfo> {
  if (!existsSync(repoPath)) throw new VigilError('E_INPUT_NOT_FOUND', `${repoPath}: no such directory`);
  let bare: boolean;
  let shallow: boolean;
  await assertNoPromisor(repoPath);
  try {
    const r = await runGit(repoPath, ['rev-parse', '--is-bare-repository', '--is-shallow-repository']);
    const [b, s] = r.stdout.toString('utf8').trim().split('\n');
    bare = b === 'true';
    shallow = s === 'true';
  } catch (e) {
    throw new VigilError('E_GIT', `${repoPath}: not a git repository`, {
      hint: 'pass the directory of a clone (or a bare repository)',
      subject: repoPath,
      cause: e,
    });
  }
  const rev = revision === '--all' ? 'HEAD' : revision;
  const h = await runGit(repoPath, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { okCodes: [1, 128] });
  const head = h.code === 0 ? h.stdout.toString('utf8').trim() : undefined;
  return { head, shallow, bare };
}

/** Paths in the tree of `commit` (files only). */
export async function listFiles(repoPath: string, commit: string): Promise<string[]> {
  const r = await runGit(repoPath, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit]);
  return r.stdout.toString('utf8').split('\0').filter(Boolean);
}

/** Content of `.mailmap` at `commit`, or undefined. Read from the object database, not the worktree. */
export async function readMailmapAt(repoPath: string, commit: string): Promise<string | undefined> {
  const r = await runGit(repoPath, ['cat-file', 'blob', `${commit}:.mailmap`], { okCodes: [128], maxBytes: 4 * 1024 * 1024 });
  return r.code === 0 ? r.stdout.toString('utf8') : undefined;
}
