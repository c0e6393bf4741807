/**
 * readDirectory: the files of an unpacked package or source tree, with the same caps as archives.
 * Symlinks are recorded (linkTarget) and never followed; `.git` and `node_modules` are not read.
 */
import { lstat, readdir, readFile, readlink, open } from 'node:fs/promises';
import { join } from 'node:path';
import { VigilError } from '../../core/errors.js';
import { EntryCollector, LimitReached } from './collector.js';
import { resolveLimits, type ArchiveLimits } from './limits.js';
import type { PackageFiles } from './types.js';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface ReadDirectoryOptions {
  limits?: Partial<ArchiveLimits>;
  origin?: string;
}

async function headBytes(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(n);
    const { bytesRead } = await fh.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function readDirectory(root: string, opts: ReadDirectoryOptions = {}): Promise<PackageFiles> {
  const origin = opts.origin ?? root;
  const limits = resolveLimits(opts.limits);
  const st = await lstat(root).catch((e: unknown) => {
    throw new VigilError('E_INPUT_NOT_FOUND', `${origin}: directory not found`, { subject: origin, file: origin, cause: e });
  });
  if (!st.isDirectory()) throw new VigilError('E_USAGE', `${origin} is not a directory`, { subject: origin });
  const c = new EntryCollector(origin, 'directory', limits);
  const walk = async (rel: string, depth: number): Promise<void> => {
    const names = (await readdir(join(root, rel))).sort();
    for (const name of names) {
      const r = rel ? `${rel}/${name}` : name;
      const abs = join(root, r);
      const s = await lstat(abs);
      if (s.isDirectory()) {
        if (SKIP_DIRS.has(name)) continue;
        c.begin(r, 'directory', 0);
        if (depth + 1 < limits.maxDepth) await walk(r, depth + 1);
        continue;
      }
      if (s.isSymbolicLink()) {
        c.begin(r, 'symlink', 0, s.mode & 0o7777, await readlink(abs));
        continue;
      }
      if (!s.isFile()) {
        c.begin(r, 'other', 0);
        continue;
      }
      const p = c.begin(r, 'file', s.size, s.mode & 0o7777);
      if (p && s.size > limits.maxFileBytes) {
        c.truncate(p);
        c.data(p, await headBytes(abs, limits.headBytes));
      } else {
        c.data(p, await readFile(abs));
      }
      c.end(p);
    }
  };
  try {
    await walk('', 0);
  } catch (e) {
    if (e instanceof LimitReached) c.stoppedBy(e);
    else throw new VigilError('E_ARCHIVE', `${origin}: cannot read directory: ${(e as Error).message}`, { subject: origin, cause: e });
  }
  return c.finish('none');
}
