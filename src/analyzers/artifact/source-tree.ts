/**
 * The reviewed side: the tree of a git ref, listed with `ls-tree` (blob ids, modes) and read lazily.
 * Identical files are recognised by git blob id without reading them; only differing files are read.
 */
import { createHash } from 'node:crypto';
import { VigilError } from '../../core/errors.js';
import { readBlobs, runGit } from '../../sources/git/index.js';

export interface TreeEntry {
  path: string;
  mode: string;
  /** git object id of the blob (or commit, for submodules). */
  oid: string;
  type: 'blob' | 'commit' | (string & {});
}

export interface SourceTree {
  repo: string;
  ref: string;
  commit: string;
  entries: Map<string, TreeEntry>;
  /** Object id length decides the hash (40 → sha1, 64 → sha256 repositories). */
  hashAlgo: 'sha1' | 'sha256';
}

/** The commit a ref names, or undefined when it does not exist. */
export async function resolveCommit(repo: string, ref: string): Promise<string | undefined> {
  if (!ref || ref.startsWith('-')) return undefined;
  const r = await runGit(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
    okCodes: [1, 128],
    maxBytes: 200,
  });
  const out = r.stdout.toString('utf8').trim();
  return r.code === 0 && /^[0-9a-f]{40,64}$/.test(out) ? out : undefined;
}

/** Throws E_INPUT_NOT_FOUND naming the path when it is not a git repository. */
export async function assertRepository(repo: string): Promise<void> {
  const r = await runGit(repo, ['rev-parse', '--git-dir'], { okCodes: [128], maxBytes: 4096 }).catch((e: unknown) => {
    throw new VigilError('E_INPUT_NOT_FOUND', `${repo}: cannot run git there: ${(e as Error).message}`, { subject: repo, cause: e });
  });
  if (r.code !== 0) {
    throw new VigilError('E_INPUT_NOT_FOUND', `${repo} is not a git repository`, {
      subject: repo,
      hint: 'pass a clone of the project with --source (git clone URL DIR)',
    });
  }
}

export async function readSourceTree(repo: string, ref: string): Promise<SourceTree> {
  const commit = await resolveCommit(repo, ref);
  if (!commit) {
    throw new VigilError('E_INPUT_NOT_FOUND', `${repo}: ref "${ref}" does not exist`, {
      subject: `${repo}@${ref}`,
      hint: 'list tags with `git tag` and pass one with --ref',
    });
  }
  const r = await runGit(repo, ['ls-tree', '-r', '-z', '--full-tree', commit], { maxBytes: 256 * 1024 * 1024 });
  const entries = new Map<string, TreeEntry>();
  for (const rec of r.stdout.toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = rec.slice(0, tab).split(' ');
    if (!mode || !type || !oid) continue;
    entries.set(rec.slice(tab + 1), { path: rec.slice(tab + 1), mode, type, oid });
  }
  return { repo, ref, commit, entries, hashAlgo: commit.length === 64 ? 'sha256' : 'sha1' };
}

/** git's blob id of `data`, to compare with tree entries without reading the blobs. */
export function gitBlobId(data: Buffer, algo: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algo).update(`blob ${data.length}\0`).update(data).digest('hex');
}

export interface ReadSourceBlobs {
  blobs: Map<string, Buffer>;
  /** Blobs absent from the object store (trimmed snapshots) or over the cap. */
  unreadable: { oid: string; reason: string }[];
}

export async function readSourceBlobs(repo: string, oids: Iterable<string>, cap: number): Promise<ReadSourceBlobs> {
  const r = await readBlobs(repo, oids, cap);
  return {
    blobs: r.blobs,
    unreadable: [
      ...r.missing.map((oid) => ({ oid, reason: 'blob not in the repository (trimmed clone or snapshot)' })),
      ...r.tooLarge.map((t) => ({ oid: t.sha, reason: `blob of ${t.size} bytes is over the ${cap}-byte cap` })),
    ],
  };
}
