export { analyzeDiscussionMessages, DISCUSSION_ANALYZER, type DiscussionAnalysis, type DiscussionAnalysisOptions } from './analyze.js';
export { DISCUSSION_RULES } from './rules.js';
export type { Campaign, CampaignEvent } from './campaign.js';
export type { Identity } from './identities.js';
export { PHRASES, type Category, type Phrase } from './lexicon.js';
export { cleanBody } from './text-clean.js';
export { contributorsFromHistory } from './history-adapter.js';
