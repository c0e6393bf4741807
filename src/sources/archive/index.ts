export type { PackageFile, PackageFiles, ArchiveFormat } from './types.js';
export { readArchive, readTgzStream, type ReadArchiveOptions } from './read-archive.js';
export { readDirectory, type ReadDirectoryOptions } from './directory.js';
export { DEFAULT_LIMITS, DEFAULT_SCAN_INFLATE_BYTES, resolveLimits, type ArchiveLimits } from './limits.js';
export { ScanInflateBudget } from './budget.js';
export { detectFormat, formatFromName } from './detect.js';
export { checkEntryPath, type StripMode } from './safe-path.js';
