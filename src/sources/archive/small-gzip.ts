/**
 * A gzip archive small enough that no cap but the scan-wide one can apply to it is inflated in one
 * synchronous call: the streamed decoder hands every 16 KiB to the thread pool and back, which cost
 * twice the CPU of the inflation itself over a scan's tarballs. Anything larger, damaged, or whose
 * trailer lies about its size goes through the streamed decoder, which applies every cap as bytes
 * are produced; so both paths give the same files, partial results and errors.
 */
import { gunzipSync } from 'node:zlib';
import type { InflateBudget } from './budget.js';

/** gzip's trailer ends with the uncompressed size modulo 2^32 (RFC 1952 ISIZE); a header and trailer take 18 bytes. */
const MIN_GZIP_BYTES = 18;
/** zlib's default output step: the least taken, so a trailer that understates the size costs no more steps than the default. */
const MIN_CHUNK_BYTES = 16 * 1024;

/**
 * The tar bytes of `gz`, charged to `budget`, when they fit under the ratio floor (below which the
 * ratio cap does not apply), the per-archive inflated cap and what is left of the scan's budget;
 * undefined (nothing charged) otherwise or when the data does not inflate cleanly.
 */
export function inflateSmallGzip(gz: Buffer, budget: InflateBudget): Buffer | undefined {
  const l = budget.limits;
  const cap = Math.min(l.ratioFloorBytes, l.maxInflatedBytes, budget.scanRemaining());
  if (gz.length < MIN_GZIP_BYTES) return undefined;
  const declared = gz.readUInt32LE(gz.length - 4);
  if (declared > cap) return undefined;
  let tar: Buffer;
  try {
    // One output buffer of the declared size (and a byte, so zlib does not start another when it is
    // full): 256 KiB steps joined at the end held the tar twice and left a 256 KiB buffer per small
    // package for the collector. A trailer that lies costs 16 KiB steps, or one buffer of at most `cap` bytes.
    tar = gunzipSync(gz, { maxOutputLength: Math.max(1, cap), chunkSize: Math.max(MIN_CHUNK_BYTES, declared + 1) });
  } catch {
    return undefined;
  }
  budget.input(gz.length);
  budget.output(tar.length);
  return tar;
}
