/** OSV advisory source: parse, read (file/folder/zip/URL), store, and the in-memory AdvisoryDb. */
export type { Advisory, AffectedPackage, AffectedRange, RangeEvent, ImportStats, VersionScheme } from './model.js';
export { parseOsvRecord, ADVISORY_INPUT_CODE } from './parse.js';
export { readOsvPath, type ReadOutcome } from './read.js';
export { importAdvisories, type ImportResult } from './import.js';
export { loadStoredAdvisories, saveAdvisories, OSV_CACHE_KIND } from './store.js';
export { builtinAdvisories, BUILTIN_ADVISORY_DIR } from './builtin.js';
export { AdvisoryDb, type AdvisoryMatch } from './db.js';
export type { AdvisoryGroup } from './groups.js';
export { rangeAffects, packageAffects } from './ranges.js';
export { loadAdvisoryDb } from './load.js';
