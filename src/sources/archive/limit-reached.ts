/** Thrown by a reader or decoder when a safety cap is hit; the archive's file list becomes partial. */
export class LimitReached extends Error {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A decoder failure with a clean message: the library's own text (which can be anything, from a
 * stack-trace fragment to a joke) stays in `cause` and never reaches the user.
 */
export class DecodeError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
