/**
 * Guard's memo folders next to the store (check-memo.ts, verdict-files.ts): a bounded number of
 * entries, named by sha256 hex, the newest kept. A folder that cannot be read or written only means
 * "not remembered"; callers never fail on it. `vigil cache prune` empties them of old entries.
 */
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultCacheDir } from '../../store/paths.js';
import { isPostgresUrl } from '../../store/postgres/url.js';

export const CHECKS_DIR = 'guard-checks';
export const VERDICTS_DIR = 'guard-verdicts';
/** Memo entries (and a writer's temporary file): the only files pruning ever removes. */
const MEMO_ENTRY = /^[0-9a-f]{64}(\.json(\.\d+\.tmp)?)?$/;

/**
 * Where guard's memos live: next to the store (the cache directory for a PostgreSQL store); none for
 * a throwaway `:memory:` store.
 */
export function guardMemoRoot(store: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (store === ':memory:') return undefined;
  return store && !isPostgresUrl(store) ? dirname(resolve(store)) : defaultCacheDir({ env });
}

/** Removes all but the `keep` newest entries whose names match `named` (other files are left alone). */
export function pruneOldest(dir: string, keep: number, named: RegExp): void {
  const names = readdirSync(dir).filter((n) => named.test(n));
  if (names.length <= keep) return;
  const byAge = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { n } of byAge.slice(keep)) {
    try {
      unlinkSync(join(dir, n));
    } catch {
      /* another guard removed it first */
    }
  }
}

/** Removes memo entries under `dir` written before `before` (ms since the epoch); how many went. */
export function pruneBefore(dir: string, before: number): number {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => MEMO_ENTRY.test(n));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const n of names) {
    try {
      if (statSync(join(dir, n)).mtimeMs >= before) continue;
      unlinkSync(join(dir, n));
      removed++;
    } catch {
      /* gone already */
    }
  }
  return removed;
}
