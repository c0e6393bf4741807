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
}

export type ArchiveFormat = 'tar' | 'tgz' | 'tar.xz' | 'tar.bz2' | 'tar.zst' | 'zip' | 'deb' | 'directory';

export interface PackageFiles {
  /** Where these files came from (tarball path or URL, directory). */
  origin: string;
  files: PackageFile[];
  /** Safety limits that were hit, entries skipped and why. */
  skipped: { path: string; reason: string }[];
  totalSize: number;
  /** Bytes the decoders produced while reading (compressed formats; 0 for tar and directories). */
  inflatedBytes?: number;
  /** Container format, when read by `readArchive` / `readDirectory`. */
  format?: ArchiveFormat;
  /** Set when a safety limit stopped reading early (code E_ARCHIVE_LIMIT): the file list is partial. */
  problems?: Problem[];
}
