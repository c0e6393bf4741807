/**
 * Extractor interface: one extractor per input format, registered in `registry.ts`.
 * `detect` is cheap (file name, first bytes); `extract` parses at the boundary and returns the
 * normalized Inventory. Parse errors name the file and line; recoverable entry-level problems go
 * into `inventory.problems` and extraction continues.
 */
import type { Inventory } from '../core/types.js';

export interface ExtractInput {
  /** Absolute path of the file being read. */
  path: string;
  /** Path shown to users (relative to the scan root when possible). */
  displayPath: string;
  /** File content (UTF-8). */
  text: string;
}

export interface ExtractContext {
  /**
   * Resolve a semver range to a concrete version the way npm would (bare package.json).
   * Provided by the engine when a registry is reachable; absent offline.
   */
  resolveRange?: (name: string, range: string) => Promise<string | undefined>;
}

export interface Extractor {
  id: string;
  /** Human name of the format, e.g. "package-lock.json v3". */
  format: string;
  /** File names this extractor looks for when given a directory, in priority order. */
  fileNames: string[];
  /** Cheap check on an explicit file. */
  detect(path: string, head: string): boolean;
  extract(input: ExtractInput, ctx: ExtractContext): Promise<Inventory> | Inventory;
}
