export { binaryAnalyzer } from './analyzer.js';
export { analyzeBinaries, binaryFacts, binaryFindings, npmManifestOf } from './package.js';
export { analyzeElf } from './analyze-elf.js';
export { BINARY_ANALYZER, BINARY_RULES, binaryRules } from './rules.js';
export type { BinaryFacts, ElfFileFacts, IfuncFact } from './facts.js';
