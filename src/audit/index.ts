/** Public surface of shared audits (re-exports only). */
export type { AuditEntry, AuditSet, CriteriaDef, Exemption, ImportSpec, SupplyChain, AuditPolicy } from './types.js';
export { BUILTIN_CRITERIA, CriteriaGraph, SAFE_TO_DEPLOY, SAFE_TO_RUN } from './criteria.js';
export { loadSupplyChain, supplyChainDir, saveLocalAudits, saveImportsLock, SUPPLY_CHAIN_DIR } from './files.js';
export { checkAudits, packageKey, type AuditReport, type AuditItem } from './check.js';
export { coverage, type Coverage } from './coverage.js';
export { recordAudit, type NewEntry, type RecordInput } from './record.js';
export { fetchImport, importFetcher, MAX_IMPORT_BYTES, type FetchBytes } from './imports.js';
export { exportInToto, exportToml } from './export.js';
export { AUDIT_RULES, auditFindings } from './findings.js';
