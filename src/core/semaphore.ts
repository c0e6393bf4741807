/**
 * A small counting semaphore: at most `limit` units held at once (one per holder unless a holder
 * asks for more). Waiters are served highest priority first, in order of arrival within a priority
 * (all at the default priority 0: plain FIFO); a waiter is never overtaken by a later one that would
 * fit where it does not.
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: { go: () => void; priority: number; weight: number }[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
  }

  /** Holds `weight` units (1 to the limit; more is held as the whole limit) until the returned function is called. */
  async acquire(priority = 0, weight = 1): Promise<() => void> {
    const units = Math.min(this.limit, Math.max(1, Math.ceil(weight) || 1));
    if (this.waiters.length === 0 && this.active + units <= this.limit) this.active += units;
    else {
      await new Promise<void>((go) => {
        // After every waiter of the same or a higher priority.
        let at = this.waiters.length;
        while (at > 0 && this.waiters[at - 1]!.priority < priority) at--;
        this.waiters.splice(at, 0, { go, priority, weight: units });
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= units;
      // Hand the freed units to waiters in order, as far as they fit.
      while (this.waiters.length > 0 && this.active + this.waiters[0]!.weight <= this.limit) {
        const next = this.waiters.shift()!;
        this.active += next.weight;
        next.go();
      }
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
