/** Public surface of `vigil watch` (re-exports only). */
export type { Alert, AlertKind, Exposure, SeenPackage } from './types.js';
export { detectChanges, snapshot, previousOf, type Change } from './detect.js';
export { exposureOf, watchedNames, type WatchedProject } from './exposure.js';
export { alertsFor, type AnalyzeRelease } from './alerts.js';
export { WatchState, registryId, type AlertRecord } from './state.js';
export { RequestBudget, jittered } from './budget.js';
export { postAlert, alertText, signBody, type WebhookOptions } from './webhook.js';
