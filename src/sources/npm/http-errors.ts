/** Typed registry errors (subclasses of VigilError keep the code; they add machine-readable facts). */
import { VigilError, type VigilErrorOptions } from '../../core/errors.js';

/** E_REGISTRY_HTTP with the status and URL, so callers can tell 404 (not published) from the rest. */
export class RegistryHttpError extends VigilError {
  readonly status: number;
  readonly url: string;
  readonly retryAfterMs?: number;

  constructor(status: number, url: string, message: string, opts: VigilErrorOptions & { retryAfterMs?: number } = {}) {
    super('E_REGISTRY_HTTP', message, opts);
    this.status = status;
    this.url = url;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }
}

/** E_INTEGRITY with both digests: the engine turns it into a critical finding with them as evidence. */
export class IntegrityError extends VigilError {
  /** The SRI string that was expected (lockfile or packument). */
  readonly expected: string;
  /** The SRI string of the bytes received, in the same algorithm as `expected`. */
  readonly actual: string;
  /** sha512 SRI of the bytes received, whatever the expected algorithm was. */
  readonly actualSha512: string;
  readonly url: string;
  readonly expectedFrom: 'lockfile' | 'packument';

  constructor(init: {
    name: string;
    version: string;
    url: string;
    expected: string;
    actual: string;
    actualSha512: string;
    expectedFrom: 'lockfile' | 'packument';
  }) {
    super(
      'E_INTEGRITY',
      `tarball of ${init.name}@${init.version} from ${init.url} does not match the ${init.expectedFrom} integrity: expected ${init.expected}, got ${init.actual}`,
      {
        subject: `${init.name}@${init.version}`,
        hint: 'the bytes were not cached; do not install this version until the mismatch is explained',
      },
    );
    this.expected = init.expected;
    this.actual = init.actual;
    this.actualSha512 = init.actualSha512;
    this.url = init.url;
    this.expectedFrom = init.expectedFrom;
  }
}
