/**
 * `advisories update`: read OSV records from a path or URL, then merge them into the store in one
 * transaction. Problems in single records are reported and skipped; a failure reading the source
 * (missing file, broken zip, limit exceeded) stores nothing.
 */
import type { Problem } from '../../core/types.js';
import type { Store } from '../../store/types.js';
import { downloadAdvisories, type DownloadOptions } from './download.js';
import type { ImportStats } from './model.js';
import { readOsvPath, type ReadOptions } from './read.js';
import { saveAdvisories } from './store.js';

export interface ImportResult {
  from: string;
  stats: ImportStats;
  problems: Problem[];
  /** Advisories in the store after the import. */
  stored: number;
}

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

export async function importAdvisories(
  store: Store,
  from: string,
  opts: ReadOptions & { download?: DownloadOptions } = {},
): Promise<ImportResult> {
  let path = from;
  let cleanup: (() => Promise<void>) | undefined;
  if (isUrl(from)) {
    const d = await downloadAdvisories(from, opts.download);
    path = d.path;
    cleanup = d.cleanup;
  }
  try {
    const read = await readOsvPath(path, opts);
    if (cleanup) for (const p of read.problems) if (p.file === path) p.file = from;
    const stats: ImportStats = {
      imported: read.advisories.length,
      withdrawn: read.advisories.filter((a) => a.withdrawn).length,
      skipped: read.skipped,
      unsupportedEcosystems: read.unsupportedEcosystems,
    };
    const stored = saveAdvisories(store, read.advisories, from, stats);
    return { from, stats, problems: read.problems, stored };
  } finally {
    await cleanup?.();
  }
}
