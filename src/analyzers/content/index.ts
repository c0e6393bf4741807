export { contentAnalyzer, analyzeContent, CONTENT_ANALYZER } from './analyzer.js';
export { createContentFactsService, type ContentFactsService } from './facts-service.js';
export { contentFacts } from './facts.js';
export { contentFindings } from './findings.js';
export { contentRules, CONTENT_RULES } from './rules.js';
export { createContentPool, type ContentPool, type ContentPoolOptions } from './pool.js';
export { enrichPayloadChains } from './payload-chain.js';
export type * from './types.js';
