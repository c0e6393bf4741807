/** Advisory matching (`vigil scan`) and incident response (`vigil affected`). */
export { advisoriesAnalyzer, createAdvisoriesAnalyzer } from './analyzer.js';
export { ADVISORY_RULES, RULE_MALICIOUS, RULE_VULNERABLE } from './rules.js';
export { matchInventory, type AdvisoryHit } from './match.js';
export { findAffected, chooseTarget, type AffectedRow, type AffectedTable, type AffectedTarget, type AffectedOutcome } from './affected.js';
export { collectInventories, FLEET_EXTRACTORS } from './collect.js';
export { debianIndexCatalog, debArchiveCatalog, packumentCatalog, fleetCatalog, type VersionCatalog } from './catalog.js';
export { nearestSafe, type SafeVersions } from './nearest-safe.js';
export { npmFix, aptFix, type FixSnippets } from './fix.js';
export { dependencyPaths } from './dep-path.js';
export { renderAffectedTable } from './table-text.js';
