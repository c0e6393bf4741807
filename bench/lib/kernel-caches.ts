/**
 * The kernel state each timed run starts from. `npm ci` writes ~1 GB of files per round (node_modules
 * and its cache, deleted after the round), and on this VM each later `npm ci` of the same round
 * sequence ran slower as the kernel's caches grew: system time 8.4 → 15.0 → 18.3 s over three rounds
 * with only dentries and inodes dropped between runs, 12.5 → 19–23 s in a 5-round bench with
 * nothing dropped (where vigil's own system time stayed 5.6–6.9 s). A median over rounds then
 * flattered vigil, while its first run after the first `npm ci` was the slowest of all (29.5 s
 * against 25.7–26.6 s). With the page cache, dentries and inodes dropped before every run, three
 * `npm ci` runs took 22.5–24.2 s (system 8.7–10.2 s) and three cold scans 25.8–26.6 s: each run
 * starts from the same state, whichever came before it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, writeFileSync } from 'node:fs';

const DROP_CACHES = '/proc/sys/vm/drop_caches';

/** Whether this process may drop the kernel's caches (root on Linux). */
export function canDropCaches(): boolean {
  try {
    accessSync(DROP_CACHES, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes dirty data out (`sync`), then drops the page cache, dentries and inodes when allowed.
 * Returns whether the caches were dropped.
 */
export function settleKernel(drop: boolean): boolean {
  spawnSync('sync', { stdio: 'ignore' });
  if (!drop) return false;
  try {
    writeFileSync(DROP_CACHES, '3');
    return true;
  } catch {
    return false;
  }
}
