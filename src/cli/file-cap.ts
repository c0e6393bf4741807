/** `--max-file-mb`: the archive layer's cap on one file read whole. */
import { VigilError } from '../core/errors.js';
import { DEFAULT_LIMITS } from '../sources/archive/limits.js';

/**
 * `--max-file-mb` in bytes (unset: the archive limits' default); E_USAGE outside 1-512 MiB (512 MiB
 * is what one archive may keep in all).
 */
export function maxFileBytes(mb: number | undefined): number {
  if (mb === undefined) return DEFAULT_LIMITS.maxFileBytes;
  if (!(mb >= 1 && mb <= 512)) throw new VigilError('E_USAGE', `--max-file-mb must be between 1 and 512 (got ${mb})`);
  return Math.floor(mb * 1024 * 1024);
}
