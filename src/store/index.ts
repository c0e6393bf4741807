/** Store: public API (re-exports only). */
export { openStore } from './open.js';
export type { OpenStoreOptions } from './open.js';
export { defaultStorePath, defaultCacheDir } from './paths.js';
export { SqliteStore } from './sqlite.js';
export { MIGRATIONS, latestVersion } from './migrations.js';
export type { Store, CacheEntry, StoredScan, StoreMaintenance, StoreStats, PruneOptions, PruneReport, SaveScanOptions } from './types.js';
