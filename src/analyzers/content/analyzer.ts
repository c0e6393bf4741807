/**
 * The content analyzer: every file of a release → ContentFacts (once per scan, through the content
 * facts service, so the release-diff analyzer reuses them) → findings. Runs on the tarball only;
 * never executes it.
 */
import type { ComponentAnalyzer, ComponentContext } from '../types.js';
import type { PackageFiles } from '../../sources/archive/types.js';
import type { AnalyzerRef } from '../../core/types.js';
import { contentFacts } from './facts.js';
import { contentFindings } from './findings.js';
import { contentRules } from './rules.js';
import type { ContentFacts } from './types.js';
import { enrichPayloadChains } from './payload-chain.js';

export const CONTENT_ANALYZER: AnalyzerRef = { id: 'content', version: '1.1.0' };

/** Facts + findings for one package, as the analyzer and `vigil inspect` produce them. */
export async function analyzeContent(
  files: PackageFiles,
  subject: string,
  facts?: ContentFacts,
): Promise<{ facts: ContentFacts; findings: ReturnType<typeof contentFindings> }> {
  const f = facts ?? contentFacts(files);
  await enrichPayloadChains(f, files);
  return { facts: f, findings: contentFindings(f, subject, CONTENT_ANALYZER) };
}

/** The content analyzer: facts come from the scan's content facts service (worker pool or this thread). */
export const contentAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: CONTENT_ANALYZER.id,
  version: CONTENT_ANALYZER.version,
  needs: { tarball: true },
  code: ['analyzers/content', 'sources/archive', 'core/types.ts'],
  rules: contentRules,
  appliesTo: (c) => c.ecosystem === 'npm',
  async analyze(ctx: ComponentContext) {
    if (!ctx.files) return { findings: [] };
    const { facts, findings } = await analyzeContent(ctx.files, ctx.component.purl, await ctx.services.contentFacts.of(ctx.files));
    return {
      findings,
      facts,
      ...(ctx.files.problems?.length ? { problems: ctx.files.problems.map((p) => ({ ...p, subject: ctx.component.purl })) } : {}),
    };
  },
};
