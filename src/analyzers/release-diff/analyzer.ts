/**
 * releaseDiffAnalyzer: inside `vigil scan`, each locked npm version is compared with the release
 * before it (`previousVersion`). Uses `ctx.previous` (filled by the engine for analyzers that ask
 * for `previousTarball`); without it, only metadata and manifest changes are compared and the
 * content comparison is reported unavailable. New-dependency age/size checks use the packument
 * lookup the engine may leave in the per-scan memo under PACKUMENT_LOOKUP_MEMO_KEY.
 */
import type { AnalyzerRef } from '../../core/types.js';
import type { Packument } from '../../sources/npm/types.js';
import type { AnalyzerOutput, ComponentAnalyzer, ComponentContext } from '../types.js';
import { compareReleases } from './compare.js';
import { deltaFindings } from './findings.js';
import { indexHistory, type HistoryIndex } from './history-index.js';
import { previousVersion } from './previous-version.js';
import { RELEASE_DIFF_RULES } from './rules.js';
import { previousFilesTrigger } from './wants-previous.js';
import type { PackumentLookup } from './types.js';

const SCAN_SUMMARIZED = new Set(['_npmUser', 'maintainers', 'time', 'dist.signatures', 'dist.attestations']);

export const RELEASE_DIFF_ANALYZER: AnalyzerRef = { id: 'release-diff', version: '1.0.0' };

/** Memo key under which the engine may put a `PackumentLookup` (`(name) => npm.getPackument(name)`). */
export const PACKUMENT_LOOKUP_MEMO_KEY = 'npm-packument-lookup';

/** The publish-history index of a packument, built once per scan. */
export function memoHistory(memo: Map<string, unknown>, p: Packument): HistoryIndex {
  const key = `release-diff-history|${p.registry}|${p.name}|${p.fetchedAt}`;
  const hit = memo.get(key) as HistoryIndex | undefined;
  if (hit) return hit;
  const h = indexHistory(p);
  memo.set(key, h);
  return h;
}

export async function analyzeRelease(ctx: ComponentContext): Promise<AnalyzerOutput> {
  const p = ctx.packument;
  const c = ctx.component;
  if (!p || !p.versions[c.version]) return { findings: [] };
  const prevVersion = ctx.previous?.version ?? previousVersion(p, c.version);
  const from =
    prevVersion === undefined
      ? undefined
      : {
          version: prevVersion,
          ...((ctx.previous?.manifest ?? p.versions[prevVersion]) ? { manifest: ctx.previous?.manifest ?? p.versions[prevVersion] } : {}),
          ...(ctx.previous?.files ? { files: ctx.previous.files } : {}),
        };
  const lookup = ctx.offline ? undefined : (ctx.memo.get(PACKUMENT_LOOKUP_MEMO_KEY) as PackumentLookup | undefined);
  const { delta, problems } = await compareReleases({
    packument: p,
    to: { version: c.version, ...(ctx.manifest ? { manifest: ctx.manifest } : {}), ...(ctx.files ? { files: ctx.files } : {}) },
    ...(from ? { from, fromChosen: 'previous-by-semver' as const } : {}),
    subject: c.purl,
    memo: ctx.memo,
    ...(lookup ? { lookup } : {}),
    history: memoHistory(ctx.memo, p),
  });
  return {
    findings: deltaFindings(delta, c.purl, RELEASE_DIFF_ANALYZER),
    facts: delta,
    // Registry fields (_npmUser, maintainers, time, signatures, attestations) are summarized once per
    // scan by the engine ("not available from this registry for N of M packages"); repeating them
    // per package would drown the report. The full per-release list stays in the facts.
    // Previous files skipped by choice are summarized once per scan too (not per package).
    unavailable: delta.unavailable.filter((u) => !SCAN_SUMMARIZED.has(u.field) && !(u.field === 'tarball' && ctx.previous?.filesSkipped)),
    problems: problems.map((x) => ({ ...x, subject: x.subject ?? c.purl })),
  };
}

export const releaseDiffAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: RELEASE_DIFF_ANALYZER.id,
  version: RELEASE_DIFF_ANALYZER.version,
  needs: { packument: true, tarball: true, previousTarball: true },
  code: ['analyzers/release-diff', 'analyzers/content', 'sources/archive', 'core/types.ts'],
  rules: RELEASE_DIFF_RULES,
  appliesTo: (c) => c.ecosystem === 'npm',
  wantsPreviousFiles: (ctx, findings) =>
    ctx.packument && ctx.previous ? previousFilesTrigger(ctx.packument, ctx.component.version, ctx.previous.version, findings) : undefined,
  analyze: analyzeRelease,
};
