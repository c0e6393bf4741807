/** The dashboard's application layer (`vigil serve`): queries and triage over the store. */
export { listAlerts, type AlertQuery } from './alerts.js';
export { componentPage, type ComponentPage } from './components.js';
export { parseFindingQuery, queryFindings, type FindingQuery, type FindingPage } from './findings.js';
export { findingId, triagedScan, type FindingStatus, type TriagedFinding } from './overlay.js';
export { latestScanOf, listProjects, projectId, scanById, scansOf, type ProjectSummary, type ScanPoint } from './projects.js';
export { acknowledgeFinding, parseTriageRequest, suppressFinding, type TriageRequest } from './triage.js';
export { TriageStore, type AuditEntry } from './triage-store.js';
