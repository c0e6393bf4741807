/** Safety caps for reading untrusted archives. Every reader enforces all of them. */
export interface ArchiveLimits {
  /** Maximum number of entries (files, links, directories) read. */
  maxEntries: number;
  /** Maximum sum of uncompressed file bytes kept in memory. */
  maxTotalBytes: number;
  /** Files larger than this keep only `head` and are marked `truncated`. */
  maxFileBytes: number;
  /** Maximum uncompressed/compressed byte ratio, checked once output passes `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Maximum number of path segments. */
  maxDepth: number;
  /** Bytes kept in `head` for truncated files. */
  headBytes: number;
  /** Maximum bytes all decoders of one archive may produce (kept or not). */
  maxInflatedBytes: number;
  /** Maximum time spent decompressing one archive. */
  maxMillis: number;
  /**
   * Largest zstd window a frame may declare; the decoder allocates it and copies through it per
   * block. zstd's own decoder refuses windows above 128 MiB by default (`--memory` raises it).
   */
  maxZstdWindowBytes: number;
  /**
   * Source maps keep only `head` (see source-map-head.ts). Off by default: on for scans, whose
   * analyses read nothing past a source map's head; off where a release is compared file by file
   * with its repository (`--repo`, `vigil verify`) or with another release (`vigil diff`).
   */
  sourceMapHeads: boolean;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxEntries: 50_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxFileBytes: 32 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 16 * 1024 * 1024,
  maxDepth: 48,
  headBytes: 64 * 1024,
  maxInflatedBytes: 1024 * 1024 * 1024,
  maxMillis: 120_000,
  maxZstdWindowBytes: 128 * 1024 * 1024,
  sourceMapHeads: false,
};

/** Default cap on the bytes inflated by all archives of one scan. */
export const DEFAULT_SCAN_INFLATE_BYTES = 8 * 1024 * 1024 * 1024;

export function resolveLimits(partial?: Partial<ArchiveLimits>): ArchiveLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}
