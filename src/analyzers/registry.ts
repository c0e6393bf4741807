/** The explicit analyzer registry: every analyzer vigil runs, in order. No auto-discovery. */
import type { Analyzer } from './types.js';
import {
  deprecatedAnalyzer,
  installScriptAnalyzer,
  manifestConfusionAnalyzer,
  missingRepositoryAnalyzer,
  remoteDependencyAnalyzer,
} from './npm/index.js';

export const ALL_ANALYZERS: Analyzer[] = [
  installScriptAnalyzer,
  manifestConfusionAnalyzer,
  remoteDependencyAnalyzer,
  deprecatedAnalyzer,
  missingRepositoryAnalyzer,
];
