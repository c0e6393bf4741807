/**
 * `verify`: does the shipped artifact match the reviewed source? Library entry point; the CLI only
 * parses arguments. Returns a ScanResult with the findings and facts['verify'][subject] (summary).
 */
import type { ScanResult } from '../core/result.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import { compareWithSource } from '../analyzers/artifact/compare-source.js';
import { loadArtifact, type LoadArtifactOptions } from './load-artifact.js';
import { defineFacts, putComponentFacts } from '../core/facts.js';
import { isVerifySummary, type VerifySummary } from '../analyzers/artifact/types.js';

export interface VerifyOptions extends LoadArtifactOptions {
  /** Path of a local git repository (untrusted: read with the safe git runner). */
  source: string;
  /** Tag, branch or commit; guessed from the version when absent. */
  ref?: string;
  /** Largest repository blob read for a comparison (default 32 MiB). */
  blobCap?: number;
  /** Catalogue folder (default: the shipped data/m4-catalogue). */
  catalogueDir?: string;
  offline?: boolean;
}

/** `facts.verify[subject]`: the comparison summary, with what loading the artifact found out. */
export type VerifyFacts = VerifySummary & { artifactFacts?: Record<string, unknown> };

export const VERIFY_FACTS = defineFacts<VerifyFacts>({
  key: 'verify',
  scope: 'component',
  version: 1,
  about: 'vigil verify: a release artifact compared file by file with its git source',
  is: isVerifySummary,
});

export async function verifyArtifact(artifact: string, o: VerifyOptions): Promise<ScanResult> {
  const result = newResult('verify', artifact);
  result.offline = o.offline === true;
  const art = await loadArtifact(artifact, o);
  result.findings.push(...art.findings);
  result.problems.push(...art.problems, ...(art.files.problems ?? []));
  result.unavailable.push(...(art.unavailable ?? []));
  // Over-cap files are reported once, by the classification (as unchecked).
  for (const s of art.files.skipped.filter((x) => x.kind !== 'truncated')) {
    result.problems.push({
      code: 'E_ARCHIVE',
      subject: art.subject,
      file: s.path,
      message: `${art.subject}: ${s.path} skipped: ${s.reason}`,
    });
  }
  const out = await compareWithSource({
    subject: art.subject,
    kind: art.kind,
    files: art.files,
    source: o.source,
    ...(o.ref ? { ref: o.ref } : {}),
    ...(art.name ? { name: art.name } : {}),
    ...(art.version ? { version: art.version } : {}),
    ...(art.gitHead ? { gitHead: art.gitHead } : {}),
    ...(o.blobCap ? { blobCap: o.blobCap } : {}),
    ...(o.catalogueDir ? { catalogueDir: o.catalogueDir } : {}),
  });
  result.findings.push(...out.findings);
  result.problems.push(...out.problems);
  putComponentFacts(result, VERIFY_FACTS, art.subject, {
    ...out.summary,
    ...(Object.keys(art.facts).length ? { artifactFacts: art.facts } : {}),
  });
  return finalizeResult(result);
}
