/**
 * The one coded error class. Throw it with a code from ERROR_CODES; catch only the codes you expect
 * (`isVigilError(e, 'E_LOCKFILE_PARSE')`).
 */
export const ERROR_CODES = {
  E_USAGE: 'bad command-line usage',
  E_CONFIG: 'invalid configuration',
  E_INPUT_NOT_FOUND: 'input file or directory not found',
  E_NO_INVENTORY: 'no supported lockfile, SBOM or manifest found',
  E_LOCKFILE_PARSE: 'lockfile could not be parsed',
  E_SBOM_PARSE: 'SBOM could not be parsed',
  E_MANIFEST_PARSE: 'manifest could not be parsed',
  E_REGISTRY_HTTP: 'registry answered with an error status',
  E_REGISTRY_BODY: 'registry answered with an unusable body',
  E_REGISTRY_TIMEOUT: 'registry did not answer in time',
  E_NETWORK: 'network failure',
  E_OFFLINE_MISS: 'not in the cache and running offline',
  E_INTEGRITY: 'downloaded bytes do not match the expected integrity',
  E_ARCHIVE: 'archive is malformed or unsafe',
  E_ARCHIVE_LIMIT: 'archive exceeds a safety limit',
  E_GIT: 'git failed',
  E_STORE: 'store failure',
  E_OUTPUT: 'output file could not be written',
  E_ANALYZER: 'an analyzer failed',
  E_ANALYZER_LIMIT: 'an analysis stopped at its time or memory limit',
  E_SUPPRESSION: 'invalid suppression',
  E_UNSUPPORTED: 'unsupported input',
  E_PLAN: 'the install plan could not be computed',
  E_REQUEST_TOO_LARGE: 'a request to the dashboard exceeds a size limit',
  E_INTERNAL: 'internal error',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface VigilErrorOptions {
  hint?: string;
  cause?: unknown;
  file?: string;
  line?: number;
  subject?: string;
}

export class VigilError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
  readonly subject?: string;

  constructor(code: ErrorCode, message: string, opts: VigilErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'VigilError';
    this.code = code;
    this.hint = opts.hint;
    this.file = opts.file;
    this.line = opts.line;
    this.subject = opts.subject;
  }

  /** `file:line: message` when a place is known. */
  where(): string {
    if (!this.file) return this.message;
    return this.line ? `${this.file}:${this.line}: ${this.message}` : `${this.file}: ${this.message}`;
  }
}

/**
 * A VigilError for an expected condition met once per component at scale (an offline cache miss):
 * no stack trace is captured — capturing one per component dominated offline scans of large lockfiles.
 */
export function expectedError(code: ErrorCode, message: string, opts: VigilErrorOptions = {}): VigilError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new VigilError(code, message, opts);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function isVigilError(e: unknown, ...codes: ErrorCode[]): e is VigilError {
  return e instanceof VigilError && (codes.length === 0 || codes.includes(e.code));
}

/**
 * A bug in vigil found while doing `doing` (e.g. "analyzer content on pkg:npm/x@1"). It is never
 * turned into a Problem: the CLI exits 70 with a bug-report hint (principle 14).
 */
export class InternalError extends Error {
  readonly doing: string;

  constructor(doing: string, cause: unknown) {
    super(`${describeError(cause)} (while running ${doing})`, { cause });
    this.name = 'InternalError';
    this.doing = doing;
  }
}

/** `TypeError: x is not a function` — the error's class and message on one line. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.split('\n')[0]!;
  return String(e);
}

/** Node error codes of programming-error classes that still describe bad input, not a bug. */
const INPUT_ERROR_CODES = new Set(['ERR_INVALID_URL', 'ERR_INVALID_CHAR', 'ERR_INVALID_ARG_VALUE']);

function errorCode(e: unknown): unknown {
  return typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
}

/**
 * True for programming errors: a TypeError / ReferenceError / EvalError raised by vigil's own code,
 * a failed assertion, or an InternalError. Expected failures — VigilError, I/O and network errors
 * (errors with a system code or caused by one), parse errors (SyntaxError), resource limits
 * (RangeError: stack depth, string length on hostile input) — are not bugs and become Problems.
 */
export function isProgrammingError(e: unknown): boolean {
  if (e instanceof VigilError) return false;
  if (e instanceof InternalError) return true;
  if (errorCode(e) === 'ERR_ASSERTION') return true;
  if (!(e instanceof TypeError || e instanceof ReferenceError || e instanceof EvalError)) return false;
  const code = errorCode(e);
  if (typeof code === 'string' && INPUT_ERROR_CODES.has(code)) return false;
  // fetch() reports network failures as `TypeError: fetch failed` with the system error as cause.
  const cause = (e as { cause?: unknown }).cause;
  return !(cause !== undefined && errorCode(cause) !== undefined);
}

/** Rethrow a programming error as an InternalError naming what was running; return anything else. */
export function rethrowBug(e: unknown, doing: string): unknown {
  if (e instanceof InternalError) throw e;
  if (isProgrammingError(e)) throw new InternalError(doing, e);
  return e;
}

/**
 * Turn a caught expected failure into a Problem-shaped record, keeping the code when there is one.
 * Programming errors are rethrown (as InternalError), never reported as problems.
 */
export function toProblem(e: unknown, subject?: string): import('./types.js').Problem {
  rethrowBug(e, subject ? `a step on ${subject}` : 'a scan step');
  if (e instanceof VigilError) {
    return {
      code: e.code,
      message: e.message,
      subject: e.subject ?? subject,
      file: e.file,
      line: e.line,
      hint: e.hint,
    };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { code: 'E_INTERNAL', message: msg, subject };
}
