/** Scoring: criticality, fragility, suspicion (explainable), and the risk quadrant. */
export { scoreResult, scoringFacts } from './score-result.js';
export type { ScoringExtra, HistoryLike } from './inputs.js';
export type { ComponentScore, Factor, QuadrantName, RiskQuadrant, ScoringFacts } from './types.js';
export { analyzeGraph, stronglyConnected, type GraphAnalysis, type GraphMetrics } from './graph-metrics.js';
export { logTerm, combine } from './openssf.js';
export * as WEIGHTS from './weights.js';
export { attachScores, type AttachOptions } from './attach.js';
