/**
 * A small counting semaphore: at most `limit` holders at once. Waiters are served highest priority
 * first, in order of arrival within a priority (all at the default priority 0: plain FIFO).
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: { go: () => void; priority: number }[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
  }

  async acquire(priority = 0): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((go) => {
        // After every waiter of the same or a higher priority.
        let at = this.waiters.length;
        while (at > 0 && this.waiters[at - 1]!.priority < priority) at--;
        this.waiters.splice(at, 0, { go, priority });
      });
    } else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      // Hand the slot straight to the next waiter; `active` stays the same.
      if (next) next.go();
      else this.active--;
    };
  }

  async run<T>(fn: () => Promise<T>, priority = 0): Promise<T> {
    const release = await this.acquire(priority);
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
