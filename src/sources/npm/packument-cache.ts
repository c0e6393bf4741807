/**
 * Packuments in the store are compressed: they are JSON that shrinks ~10×, and a few popular ones
 * are tens of MB. Brotli at quality 1 takes half the CPU of quality 2 for 7% more bytes, and both
 * less than gzip level 1 (which entries used before): platform-app's 700 packuments, 94.8 MiB of
 * JSON, compress to 9.5 MiB in 0.11–0.12 s (quality 2: 8.9 MiB in 0.24 s; gzip: 11.3 MiB in
 * 0.24 s). A cold scan compresses every packument on the main thread. The entry's meta names the
 * encoding; gzip entries from earlier versions and plain entries from before any compression still read.
 */
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import type { CacheEntry, Store } from '../../store/types.js';

const KIND = 'packument';

/** The largest packument body read from a registry, and so the largest a cached entry may inflate to. */
export const PACKUMENT_MAX_BYTES = 512 * 1024 * 1024;

const DECODERS: Readonly<Record<string, (b: Buffer, maxOutputLength: number) => Buffer>> = {
  br: (b, maxOutputLength) => brotliDecompressSync(b, { maxOutputLength }),
  gzip: (b, maxOutputLength) => gunzipSync(b, { maxOutputLength }),
};

/** `maxBytes`: an entry that inflates past it is treated as damaged (a store edited by hand cannot be a memory bomb). */
export function readPackumentCache(store: Pick<Store, 'getCache'>, key: string, maxBytes = PACKUMENT_MAX_BYTES): CacheEntry | undefined {
  const e = store.getCache(KIND, key);
  const encoding = e?.meta?.encoding;
  if (!e || encoding === undefined) return e;
  const decode = typeof encoding === 'string' ? DECODERS[encoding] : undefined;
  if (!decode) return undefined; // written by a newer vigil in a coding this one does not know: fetch again
  const { encoding: _encoding, ...meta } = e.meta!;
  try {
    return { ...e, body: decode(e.body, maxBytes), meta };
  } catch {
    return undefined; // a damaged entry is treated as absent and fetched again
  }
}

/** Whether the store holds a copy (fresh or not, readable or not: its reader decides). */
export function hasPackumentCache(store: Pick<Store, 'getCache'>, key: string): boolean {
  return store.getCache(KIND, key) !== undefined;
}

export function writePackumentCache(store: Pick<Store, 'putCache'>, key: string, entry: CacheEntry): void {
  const body = brotliCompressSync(entry.body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 1,
      [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
      [constants.BROTLI_PARAM_LGWIN]: windowBits(entry.body.length),
    },
  });
  store.putCache(KIND, key, { ...entry, body, meta: { ...entry.meta, encoding: 'br' } });
}

/**
 * The smallest brotli window that holds the whole body (a window larger than the input finds
 * nothing more). With brotli's default of 22 bits every packument written cost an 8 MiB encoder
 * buffer, whatever its size (a cold scan of ~1,000 packages: 500 of them, 4 GiB allocated and freed).
 * Blocks that size come from malloc's main heap once it has freed a few large ones, and its free
 * space is not given back: of a ~110 MiB heap, ~80 MiB was free yet resident. The window is in the
 * stream's header, so entries written with any window read the same. (At quality 1 brotli declares
 * 18 bits at least; its encoder's memory there does not follow the window: compressing 700
 * packuments one after another peaked at 85 MiB RSS, against 88 MiB at quality 2.)
 */
export function windowBits(bytes: number): number {
  const bits = Math.ceil(Math.log2(Math.max(1, bytes)));
  return Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(constants.BROTLI_MIN_WINDOW_BITS, bits));
}
