/** The code every npm-metadata analyzer's cached output depends on (see core/code-hash.ts). */
export const NPM_ANALYZER_CODE: readonly string[] = ['analyzers/npm', 'sources/npm/types.ts', 'core/types.ts'];
