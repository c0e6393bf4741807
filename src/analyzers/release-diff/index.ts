/** Release-to-release changes and takeover signals: public API (re-exports only). */
export { releaseDiffAnalyzer, analyzeRelease, historyOf, RELEASE_DIFF_ANALYZER } from './analyzer.js';
export { compareReleases, tarballManifest, type CompareOptions, type CompareOutput, type ReleaseInput } from './compare.js';
export { deltaFindings } from './findings.js';
export { indexHistory, personKey, type HistoryIndex } from './history-index.js';
export { metadataSignals, type MetadataResult } from './metadata-signals.js';
export { previousVersion, publishOrder, bumpKind, type Bump, type PublishOrder } from './previous-version.js';
export { RELEASE_DIFF_RULES } from './rules.js';
export { scoreRelease, sumWeights } from './score.js';
export { WEIGHTS, SCORE_THRESHOLDS, severityForScore } from './weights.js';
export type * from './types.js';
