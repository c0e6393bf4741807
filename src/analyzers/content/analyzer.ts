/**
 * The content analyzer: every file of a release → ContentFacts (once per scan, through the content
 * facts service, so the release-diff analyzer reuses them) → findings. Runs on the tarball only;
 * never executes it.
 */
import type { AnalyzerOutput, ComponentAnalyzer, ComponentContext } from '../types.js';
import { isVigilError, type VigilError } from '../../core/errors.js';
import type { AnalyzerRef, Problem } from '../../core/types.js';
import type { PackageFiles } from '../../sources/archive/types.js';
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
  async analyze(ctx: ComponentContext): Promise<AnalyzerOutput> {
    if (!ctx.files) return { findings: [] };
    const subject = ctx.component.purl;
    const archive = (ctx.files.problems ?? []).map((p) => ({ ...p, subject }));
    let computed: ContentFacts;
    try {
      computed = await ctx.services.contentFacts.of(ctx.files);
    } catch (e) {
      if (!isVigilError(e, 'E_ANALYZER_LIMIT')) throw e;
      return { findings: [], gaveUp: true, problems: [...archive, gaveUpProblem(subject, e)] };
    }
    const { facts, findings } = await analyzeContent(ctx.files, subject, computed);
    return { findings, facts, ...(archive.length ? { problems: archive } : {}) };
  },
};

/** What a release whose analysis stopped at a limit lacks: every content check. */
function gaveUpProblem(subject: string, e: VigilError): Problem {
  return {
    code: 'E_ANALYZER_LIMIT',
    subject,
    message: `content checks did not run: ${e.message}`,
    hint: 'rescans report this gap without analysing the release again for a while; --retry-failed analyses it now',
  };
}
