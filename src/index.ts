/**
 * vigil as a library: the public API (re-exports only). Every function returns plain data — a
 * ScanResult or a typed report — and never prints; render with `loadRenderer(format)`.
 */
export type { Component, Inventory, InventoryComponent, Finding, Evidence, Problem, Severity, Unavailable } from './core/types.js';
export type { ScanResult } from './core/result.js';
export { SCHEMA_VERSION } from './core/result.js';
export { VigilError, isVigilError, ERROR_CODES, type ErrorCode } from './core/errors.js';
export { redact } from './core/redact.js';
export { loadInventory } from './inventory/index.js';
export { scan, targetKey, type ScanOptions, type ScanDeps } from './engine/scan.js';
export { openScanDeps, type WiringOptions } from './engine/wiring.js';
export { inspect } from './app/inspect.js';
export { diffNpm } from './app/diff-npm.js';
export { historyScan } from './app/history-result.js';
export { discuss } from './app/discuss.js';
export { verifyArtifact } from './app/verify.js';
export { guard } from './app/guard/guard.js';
export { watch, watchCycle } from './app/watch.js';
export { runAuditCheck } from './engine/audit-check.js';
export { checkAudits, loadSupplyChain, recordAudit, type AuditReport } from './audit/index.js';
export { ruleCatalogue } from './rules/catalogue.js';
export { loadRenderer, type Format } from './report/index.js';
export { openStore } from './store/open.js';
