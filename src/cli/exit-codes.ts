/** Exit codes, mapped in this one place. Documented in README ("Exit codes"). */
export const EXIT = {
  /** Ran to completion; no finding at or above --fail-on. */
  OK: 0,
  /** Ran to completion; at least one unsuppressed finding at or above --fail-on. */
  FINDINGS: 1,
  /** Bad usage or configuration. */
  USAGE: 2,
  /** Operational failure: input unreadable, store unusable... nothing useful was produced. */
  FAILURE: 3,
  /** Unexpected internal error (a bug). */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
