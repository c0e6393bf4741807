/** PackageFiles from inline content, for benchmarks. */
import type { PackageFile, PackageFiles } from '../src/sources/archive/types.js';

export function filesOf(entries: Record<string, string | Buffer>, origin = 'inline'): PackageFiles {
  const files: PackageFile[] = Object.entries(entries).map(([path, c]) => {
    const data = typeof c === 'string' ? Buffer.from(c) : c;
    return { path, size: data.length, data };
  });
  return { origin, files, skipped: [], totalSize: files.reduce((s, f) => s + f.size, 0) };
}
