export { installScriptAnalyzer } from './install-script.js';
export { manifestConfusionAnalyzer } from './manifest-confusion.js';
export { remoteDependencyAnalyzer, remoteKind } from './remote-dependency.js';
export { resolvedSourceAnalyzer } from './resolved-source.js';
export { deprecatedAnalyzer } from './deprecated.js';
export { missingRepositoryAnalyzer } from './missing-repository.js';
export { metadataAnalyzer, slimPackument } from './metadata.js';
export {
  installScriptRule,
  manifestConfusionRule,
  remoteDependencyRule,
  resolvedSourceRule,
  deprecatedRule,
  missingRepositoryRule,
} from './rules.js';
