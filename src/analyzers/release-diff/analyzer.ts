/**
 * releaseDiffAnalyzer: inside `vigil scan`, each locked npm version is compared with the release
 * before it (`previousVersion`). Uses `ctx.previous` (filled by the engine for analyzers that ask
 * for `previousTarball`); without it, only metadata and manifest changes are compared and the
 * content comparison is reported unavailable. New-dependency age/size checks use the scan's
 * packument lookup service when there is one (never offline).
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

const SCAN_SUMMARIZED = new Set(['_npmUser', 'maintainers', 'time', 'dist.signatures', 'dist.attestations']);

export const RELEASE_DIFF_ANALYZER: AnalyzerRef = { id: 'release-diff', version: '1.0.0' };

const histories = new WeakMap<Packument, HistoryIndex>();

/** The publish-history index of a packument, built once per packument read (it is a pure function of it). */
export function historyOf(p: Packument): HistoryIndex {
  let h = histories.get(p);
  if (!h) histories.set(p, (h = indexHistory(p)));
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
  const lookup = ctx.offline ? undefined : ctx.services.packuments;
  const { delta, problems } = await compareReleases({
    packument: p,
    to: { version: c.version, ...(ctx.manifest ? { manifest: ctx.manifest } : {}), ...(ctx.files ? { files: ctx.files } : {}) },
    ...(from ? { from, fromChosen: 'previous-by-semver' as const } : {}),
    subject: c.purl,
    contentFacts: ctx.services.contentFacts,
    ...(lookup ? { lookup } : {}),
    history: historyOf(p),
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
