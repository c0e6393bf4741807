/**
 * Store writes of many components grouped into one transaction per batch: one commit per component
 * dominated offline scans of large lockfiles, and cost a cold scan ~0.8 s of the main thread. Each
 * `add` is one component's writes, run whole inside one batch's transaction, so a crash never
 * leaves half a component. A batch commits when it holds `size` writes or, when `maxAgeMs` is set,
 * once its oldest write waited that long (on a timer: a scan stalled on one slow download still
 * commits what it finished), so a scan killed meanwhile loses only its last moments' cache entries
 * (recomputed next time).
 */
import type { Store } from '../store/types.js';
import { timed } from '../core/timeline.js';

export interface WriteBatch {
  add(write: () => void): void;
  /** Commits what is pending (call when the scan's component stage ends). */
  flush(): void;
}

export interface WriteBatchOptions {
  /** Writes per transaction at most (default 256). */
  size?: number;
  /** A batch whose oldest write waited this long is committed (default: no age bound). */
  maxAgeMs?: number;
}

export function createWriteBatch(store: Pick<Store, 'transaction'>, opts: WriteBatchOptions = {}): WriteBatch {
  const size = opts.size ?? 256;
  let pending: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  // A commit that failed on the timer fails the next add or flush: the caller's path sees it.
  let failed: { error: unknown } | undefined;
  const commit = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const writes = pending;
    pending = [];
    timed('store.batch', String(writes.length), () =>
      store.transaction(() => {
        for (const w of writes) w();
      }),
    );
  };
  const rethrow = () => {
    if (!failed) return;
    const { error } = failed;
    failed = undefined;
    throw error;
  };
  const onTimer = () => {
    try {
      commit();
    } catch (error) {
      failed = { error };
    }
  };
  return {
    add(write) {
      rethrow();
      pending.push(write);
      if (pending.length >= size) commit();
      // Unref'd: a pending commit never keeps the process alive.
      else if (opts.maxAgeMs !== undefined && !timer) timer = setTimeout(onTimer, opts.maxAgeMs).unref();
    },
    flush() {
      rethrow();
      commit();
    },
  };
}
