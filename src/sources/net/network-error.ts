/**
 * Words for a failed fetch: fetch() reports every network failure as `TypeError: fetch failed`
 * with the system error (ECONNREFUSED, ENOTFOUND, the host policy's EVIGILREFUSED) as its cause,
 * so the cause's code and text are what the user needs to read.
 */
export function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}

/** A connection the host policy refused (checked-lookup.ts): asking again gives the same answer. */
export function isRefusedByPolicy(e: unknown): boolean {
  return (e as { cause?: { code?: string } }).cause?.code === 'EVIGILREFUSED';
}

/** The words every request stopped by the run's deadline (`--timeout`) carries, on every path. */
export const DEADLINE_TEXT = 'the deadline of this run (--timeout) passed';
