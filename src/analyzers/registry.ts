/** The explicit analyzer registry: every analyzer `vigil scan` runs, in order. No auto-discovery. */
import type { Analyzer } from './types.js';
import {
  deprecatedAnalyzer,
  installScriptAnalyzer,
  manifestConfusionAnalyzer,
  missingRepositoryAnalyzer,
  remoteDependencyAnalyzer,
} from './npm/index.js';
import { contentAnalyzer } from './content/analyzer.js';
import { advisoriesAnalyzer } from './advisories/analyzer.js';
import { debianHostAnalyzer } from './debian/host-analysis.js';
import { releaseDiffAnalyzer } from './release-diff/index.js';
import { historyAnalyzer } from './history/analyzer.js';

export const ALL_ANALYZERS: Analyzer[] = [
  installScriptAnalyzer,
  manifestConfusionAnalyzer,
  remoteDependencyAnalyzer,
  deprecatedAnalyzer,
  missingRepositoryAnalyzer,
  contentAnalyzer,
  releaseDiffAnalyzer,
  historyAnalyzer,
  advisoriesAnalyzer,
  debianHostAnalyzer,
];
