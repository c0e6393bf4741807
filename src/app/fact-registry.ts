/**
 * The fact registry: every family a ScanResult may carry under `facts`, listed once. Each family is
 * declared beside its type (key, scope, version, shape check) by the analyzer or pipeline that
 * produces it; readers and writers go through core/facts.ts. A key not listed here is a defect
 * (test/architecture/fact-registry.test.ts runs the producers and checks their output against this list).
 */
import type { FactFamily } from '../core/facts.js';
import { ADVISORIES_FACTS } from '../analyzers/advisories/analyzer.js';
import { AFFECTED_FACTS } from '../analyzers/advisories/affected.js';
import { ARTIFACT_FACTS } from '../analyzers/artifact/types.js';
import { BINARY_DELTA_FACTS } from '../analyzers/binary/delta-text.js';
import { BINARY_FACTS } from '../analyzers/binary/facts.js';
import { CONTENT_FACTS } from '../analyzers/content/types.js';
import { DEBIAN_FACTS } from '../analyzers/debian/host-analysis.js';
import { DISCUSSION_FACTS } from '../analyzers/discussion/analyze.js';
import { HISTORY_FACTS } from '../analyzers/history/facts.js';
import { INSTALL_SCRIPT_FACTS } from '../analyzers/npm/install-script.js';
import { NPM_METADATA_FACTS } from '../analyzers/npm/metadata.js';
import { RELEASE_DIFF_FACTS } from '../analyzers/release-diff/types.js';
import { FUNDING_FACTS } from '../fund/plan-types.js';
import { SCORING_FACTS } from '../scoring/types.js';
import { VERIFY_FACTS } from './verify.js';

export const FACT_FAMILIES: readonly FactFamily<unknown>[] = [
  INSTALL_SCRIPT_FACTS,
  NPM_METADATA_FACTS,
  CONTENT_FACTS,
  BINARY_FACTS,
  RELEASE_DIFF_FACTS,
  HISTORY_FACTS,
  ARTIFACT_FACTS,
  ADVISORIES_FACTS,
  DEBIAN_FACTS,
  DISCUSSION_FACTS,
  SCORING_FACTS,
  FUNDING_FACTS,
  AFFECTED_FACTS,
  VERIFY_FACTS,
  BINARY_DELTA_FACTS,
];

export function factFamily(key: string): FactFamily<unknown> | undefined {
  return FACT_FAMILIES.find((f) => f.key === key);
}
