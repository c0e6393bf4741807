export type { Author, DiscussionFormat, DiscussionMessage, ReadLimits, ReadResult, ReadStats } from './types.js';
export { DEFAULT_LIMITS } from './types.js';
export { readDiscussions, type ReadOptions } from './read-sources.js';
export { parseMessage } from './parse-message.js';
export { splitMbox } from './mbox-split.js';
export { parseIssueExport } from './issue-export.js';
export { threadMessages, summarizeThread, type ThreadSummary, type ThreadingResult } from './threading.js';
export { readRepoContributors, type RepoContributor, type RepoContributors } from './repo-contributors.js';
