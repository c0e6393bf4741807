/** Retry policy: which failures are worth another try, and how long to wait before it. */

/** The explicit retriable set. Everything else (404, 401, 403, 400, 501...) fails at once. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export interface BackoffOptions {
  /** First delay (ms); doubles per attempt. */
  baseMs: number;
  /** Cap for one delay, including a server's Retry-After. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 30_000 };

/** Exponential backoff with full jitter: a random delay in [base·2^attempt / 2, base·2^attempt]. */
export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(o.maxMs, o.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
