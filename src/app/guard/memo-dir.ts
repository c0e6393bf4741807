/**
 * Guard's memo folders next to the store (check-memo.ts, verdict-files.ts): a bounded number of
 * entries, named by sha256 hex, the newest kept. A folder that cannot be read or written only means
 * "not remembered"; callers never fail on it.
 */
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

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
