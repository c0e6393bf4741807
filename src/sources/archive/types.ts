/** Files of a release, read safely from an archive or a directory (never extracted outside a temp dir). */
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
}

export interface PackageFiles {
  /** Where these files came from (tarball path or URL, directory). */
  origin: string;
  files: PackageFile[];
  /** Safety limits that were hit, entries skipped and why. */
  skipped: { path: string; reason: string }[];
  totalSize: number;
}
