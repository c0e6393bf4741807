/** Release artifact vs source (`vigil verify`). */
export { compareWithSource, summarize, type CompareSourceInput, type CompareSourceOutput } from './compare-source.js';
export { createArtifactAnalyzer, clonesByName, type ArtifactAnalyzerOptions } from './analyzer.js';
export { artifactRules, ARTIFACT_RULES, ARTIFACT_ANALYZER } from './rules.js';
export { classifyFiles, type Classified } from './classify.js';
export { judgeArtifact, type JudgeInput } from './judge.js';
export { fetchDebSource, parseDebSpec, parseDsc, poolDir, pickOrig, type DebSpec, type DscFile } from './deb-source.js';
export { guessRef, tagCandidates, debianUpstreamVersion, type RefGuess } from './ref-guess.js';
export { readSourceTree, gitBlobId, resolveCommit, type SourceTree, type TreeEntry } from './source-tree.js';
export { alignLayout, type Alignment } from './layout.js';
export { diffLines, renderChanges, type LineChange } from './line-diff.js';
export type { FileClass, FileVerdict, Explanation, VerifySummary } from './types.js';
