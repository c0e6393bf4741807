/**
 * The content analyzer: every file of a release → ContentFacts (memoized per scan so the
 * release-diff analyzer reuses them) → findings. Runs on the tarball only; never executes it.
 */
import type { ComponentAnalyzer, ComponentContext } from '../types.js';
import type { PackageFiles } from '../../sources/archive/types.js';
import type { AnalyzerRef } from '../../core/types.js';
import { contentFacts } from './facts.js';
import { contentFindings } from './findings.js';
import { contentRules } from './rules.js';
import type { ContentFacts } from './types.js';
import { enrichPayloadChains } from './payload-chain.js';
import type { ContentPool } from './pool.js';

export const CONTENT_ANALYZER: AnalyzerRef = { id: 'content', version: '1.1.0' };

/** Memo key under which a scan keeps the facts of one release (`files.origin` distinguishes versions). */
export const contentMemoKey = (origin: string): string => `content-facts|${origin}`;

/** Facts for `files`, computed once per scan (the diff analyzer calls this for both releases). */
export function memoContentFacts(memo: Map<string, unknown>, files: PackageFiles): ContentFacts {
  const key = contentMemoKey(files.origin);
  const hit = memo.get(key) as ContentFacts | undefined;
  if (hit) return hit;
  const facts = contentFacts(files);
  memo.set(key, facts);
  return facts;
}

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

/**
 * The content analyzer. With a pool, facts are computed in worker threads (scans of many
 * packages); without one, synchronously. Facts are memoized in ctx.memo either way.
 */
export function createContentAnalyzer(opts: { pool?: ContentPool } = {}): ComponentAnalyzer {
  return {
    kind: 'component',
    id: CONTENT_ANALYZER.id,
    version: CONTENT_ANALYZER.version,
    needs: { tarball: true },
    code: ['analyzers/content', 'sources/archive', 'core/types.ts'],
    rules: contentRules,
    appliesTo: (c) => c.ecosystem === 'npm',
    async analyze(ctx: ComponentContext) {
      if (!ctx.files) return { findings: [] };
      const key = contentMemoKey(ctx.files.origin);
      let pre = ctx.memo.get(key) as ContentFacts | undefined;
      if (!pre && opts.pool) {
        pre = await opts.pool.facts(ctx.files);
        ctx.memo.set(key, pre);
      }
      const { facts, findings } = await analyzeContent(ctx.files, ctx.component.purl, pre ?? memoContentFacts(ctx.memo, ctx.files));
      return {
        findings,
        facts,
        ...(ctx.files.problems?.length ? { problems: ctx.files.problems.map((p) => ({ ...p, subject: ctx.component.purl })) } : {}),
      };
    },
  };
}

/** The synchronous-path analyzer (no worker pool). */
export const contentAnalyzer: ComponentAnalyzer = createContentAnalyzer();
