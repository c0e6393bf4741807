/** Files of a release, read safely from an archive or a directory (never extracted outside a temp dir). */
import type { Problem } from '../../core/types.js';

export interface PackageFile {
  /** Normalized path inside the package, `/`-separated, without the leading `package/`. */
  path: string;
  size: number;
  /** Unix mode bits when the archive records them. */
  mode?: number;
  /** Content; absent when the file exceeded the per-file cap (then `truncated` is set). */
  data?: Buffer;
  truncated?: boolean;
  /** Symlink/hardlink target when the entry is a link (links are never followed). */
  linkTarget?: string;
  /** Link kind when `linkTarget` is set. */
  linkType?: 'symlink' | 'hardlink';
  /** First bytes of a file whose `data` was dropped for size (magic-byte and entropy checks). */
  head?: Buffer;
  /** A source map read as its `head` only (ArchiveLimits.sourceMapHeads): not over any cap, not reported as truncated. */
  sourceMapHead?: true;
}

/**
 * Why an entry (or the rest of an archive) was not read as a file: a closed set, so rules match on
 * the kind and never on the wording of `reason`, which is for people.
 */
export type SkipKind =
  | 'empty-name'
  | 'nul-byte'
  | 'absolute-path'
  | 'drive-letter'
  | 'parent-escape'
  | 'too-deep'
  | 'special-file'
  | 'duplicate'
  | 'truncated'
  | 'incomplete'
  | 'unsupported-member'
  | 'stopped';

/** Names a naive extractor would write outside its target folder. */
export const ESCAPING_NAMES: ReadonlySet<SkipKind> = new Set<SkipKind>(['nul-byte', 'absolute-path', 'drive-letter', 'parent-escape']);

export interface SkippedEntry {
  /** The entry's name as the archive gives it; `*` for the rest of the archive (kind `stopped`). */
  path: string;
  kind: SkipKind;
  reason: string;
}

export type ArchiveFormat = 'tar' | 'tgz' | 'tar.xz' | 'tar.bz2' | 'tar.zst' | 'zip' | 'deb' | 'directory';

export interface PackageFiles {
  /** Where these files came from (tarball path or URL, directory). */
  origin: string;
  files: PackageFile[];
  /** Safety limits that were hit, entries skipped and why. */
  skipped: SkippedEntry[];
  totalSize: number;
  /** Bytes the decoders produced while reading (compressed formats; 0 for tar and directories). */
  inflatedBytes?: number;
  /** Container format, when read by `readArchive` / `readDirectory`. */
  format?: ArchiveFormat;
  /** Set when a safety limit stopped reading early (code E_ARCHIVE_LIMIT): the file list is partial. */
  problems?: Problem[];
}
