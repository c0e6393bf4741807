/**
 * Store writes of many components grouped into one transaction per batch: one commit per component
 * dominated offline scans of large lockfiles. Each write is all-or-nothing with its batch; a scan
 * killed before a flush only loses cache entries, which are recomputed next time.
 */
import type { Store } from '../store/types.js';
import { timed } from '../core/timeline.js';

export interface WriteBatch {
  add(write: () => void): void;
  /** Commits what is pending (call when the scan's component stage ends). */
  flush(): void;
}

export function createWriteBatch(store: Pick<Store, 'transaction'>, size = 256): WriteBatch {
  let pending: (() => void)[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const writes = pending;
    pending = [];
    timed('store.batch', String(writes.length), () =>
      store.transaction(() => {
        for (const w of writes) w();
      }),
    );
  };
  return {
    add(write) {
      pending.push(write);
      if (pending.length >= size) flush();
    },
    flush,
  };
}
