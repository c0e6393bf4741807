export { contentAnalyzer, createContentAnalyzer, analyzeContent, memoContentFacts, contentMemoKey, CONTENT_ANALYZER } from './analyzer.js';
export { contentFacts } from './facts.js';
export { contentFindings } from './findings.js';
export { contentRules, CONTENT_RULES } from './rules.js';
export { createContentPool, type ContentPool, type ContentPoolOptions } from './pool.js';
export { enrichPayloadChains } from './payload-chain.js';
export type * from './types.js';
