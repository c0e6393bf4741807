/** Public surface of the inventory stage (re-exports only). */
export {
  EXTRACTORS,
  loadInventory,
  projectDirOf,
  SUPPORTED_HINT,
  MAX_INPUT_BYTES,
  type LoadedInventory,
  type LoadOptions,
} from './registry.js';
export { findCandidates, detectFile, sniff, type Candidate } from './detect.js';
export { diffInventories, describeDiff, diffIsEmpty, type InventoryDiff } from './compare.js';
export { npmShrinkwrapExtractor, packageLockExtractor } from './package-lock.js';
export { pnpmLockExtractor } from './pnpm-lock.js';
export { yarnClassicExtractor } from './yarn-classic.js';
export { yarnBerryExtractor } from './yarn-berry.js';
export { cyclonedxExtractor } from './cyclonedx.js';
export { spdxExtractor } from './spdx.js';
export { packageJsonExtractor, RESOLVED_NOTE, OFFLINE_NOTE } from './package-json.js';
export { InventoryBuilder, NOT_ANALYZED, type ComponentInput } from './builder.js';
export type { Extractor, ExtractContext, ExtractInput } from './types.js';
