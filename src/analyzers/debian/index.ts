/** Debian analyzers, their rules, and the host / suite entry points (for the registry and src/index.ts). */
export { debianHostAnalyzer, analyzeDebianInventory, DEBIAN_ANALYZER, type DebianFacts } from './host-analysis.js';
export { DEBIAN_RULES, RULE_SINGLE_MAINTAINER, RULE_NOT_IN_ARCHIVE, RULE_UNKNOWN_ORIGIN } from './rules.js';
export { rankDebianSuite, formatRanking, type RankSuiteOptions } from './rank-suite.js';
export { rankSuite, fragilityOf, type RankedSource } from './rank.js';
export { computePrivilegedPaths, isLibraryPackage, type PrivilegedPathFact, type LibraryOnPath } from './privileged-paths.js';
export { PRIVILEGED_SERVICES, type PrivilegedService } from './privileged-services.js';
export { sourcePeople, carriedByOnePerson, isTeam, type SourcePeople, type Person } from './people.js';
export { hostCriticality, CRITICALITY_WEIGHTS, type SourceCriticality } from './criticality.js';
export { readElfDynamic, type ElfDynamic } from './elf.js';
