/** The explicit analyzer registry: every analyzer `vigil scan` runs, in order. No auto-discovery. */
import type { Analyzer } from './types.js';
import {
  deprecatedAnalyzer,
  installScriptAnalyzer,
  manifestConfusionAnalyzer,
  metadataAnalyzer,
  missingRepositoryAnalyzer,
  remoteDependencyAnalyzer,
} from './npm/index.js';
import { contentAnalyzer } from './content/analyzer.js';
import { advisoriesAnalyzer } from './advisories/analyzer.js';
import { debianHostAnalyzer } from './debian/host-analysis.js';
import { releaseDiffAnalyzer } from './release-diff/index.js';
import { historyAnalyzer } from './history/analyzer.js';
import { createArtifactAnalyzer } from './artifact/analyzer.js';
import { binaryAnalyzer } from './binary/analyzer.js';

/** With `scan --repo NAME=PATH`, the release is also compared file by file with its source. */
const artifactAnalyzer = createArtifactAnalyzer({
  cloneFor: (c) => (typeof c.meta?.repoPath === 'string' && c.meta.repoPath ? c.meta.repoPath : undefined),
});

export const ALL_ANALYZERS: Analyzer[] = [
  installScriptAnalyzer,
  manifestConfusionAnalyzer,
  remoteDependencyAnalyzer,
  deprecatedAnalyzer,
  missingRepositoryAnalyzer,
  metadataAnalyzer,
  contentAnalyzer,
  binaryAnalyzer,
  releaseDiffAnalyzer,
  historyAnalyzer,
  artifactAnalyzer,
  advisoriesAnalyzer,
  debianHostAnalyzer,
];
