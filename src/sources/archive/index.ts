export type { PackageFile, PackageFiles, ArchiveFormat } from './types.js';
export { readArchive, type ReadArchiveOptions } from './read-archive.js';
export { readDirectory, type ReadDirectoryOptions } from './directory.js';
export { DEFAULT_LIMITS, resolveLimits, type ArchiveLimits } from './limits.js';
export { detectFormat, formatFromName } from './detect.js';
export { checkEntryPath, type StripMode } from './safe-path.js';
