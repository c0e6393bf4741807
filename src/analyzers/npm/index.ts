export { installScriptAnalyzer, installScriptRule } from './install-script.js';
export { manifestConfusionAnalyzer, manifestConfusionRule } from './manifest-confusion.js';
export { remoteDependencyAnalyzer, remoteDependencyRule, remoteKind } from './remote-dependency.js';
export { resolvedSourceAnalyzer, resolvedSourceRule } from './resolved-source.js';
export { deprecatedAnalyzer, deprecatedRule } from './deprecated.js';
export { missingRepositoryAnalyzer, missingRepositoryRule } from './missing-repository.js';
export { metadataAnalyzer, slimPackument } from './metadata.js';
