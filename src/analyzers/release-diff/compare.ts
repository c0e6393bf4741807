/**
 * compareReleases: one release against an earlier one → ReleaseDelta (signals, score, file and
 * dependency summaries, what could not be checked). Pure apart from the optional dependency
 * lookup; the caller fetches packuments and files (the CLI command or the engine).
 */
import type { Unavailable } from '../../core/types.js';
import type { PackageFiles } from '../../sources/archive/types.js';
import type { Packument, VersionManifest } from '../../sources/npm/types.js';
import { isVigilError } from '../../core/errors.js';
import { contentFacts } from '../content/facts.js';
import type { ContentFacts } from '../content/types.js';
import { createContentFactsService, type ContentFactsService } from '../content/facts-service.js';
import { capabilitySignals, scriptsOf } from './capability-delta.js';
import { newDependencyInfo } from './dependency-info.js';
import { diffFiles, patchRewriteSignal, sizeJumpSignal, unusualFileSignals } from './file-diff.js';
import { indexHistory, type HistoryIndex } from './history-index.js';
import {
  dependencyDelta,
  dependencySignals,
  installScriptSignals,
  knownScopes,
  remoteSpecKind,
  type ManifestLike,
} from './manifest-delta.js';
import { metadataSignals } from './metadata-signals.js';
import { bumpKind } from './previous-version.js';
import { scoreRelease } from './score.js';
import { isPlatformPackage } from './platform.js';
import { recentHandover } from './handover.js';
import type { PackumentLookup, ReleaseDelta, Signal } from './types.js';

export interface ReleaseInput {
  version: string;
  /** The version's manifest from the packument (what npm resolves dependencies from). */
  manifest?: VersionManifest;
  files?: PackageFiles;
}

export interface CompareOptions {
  packument: Packument;
  to: ReleaseInput;
  /** The earlier release; absent for a first release (then only metadata signals run). */
  from?: ReleaseInput;
  fromChosen?: ReleaseDelta['fromChosen'];
  /** purl or name used as the subject of Unavailable records. */
  subject: string;
  /** The scan's content facts: computed once per release and shared with the content analyzer. */
  contentFacts?: ContentFactsService;
  /** Packuments of new dependencies (young / tiny checks); absent → reported unavailable. */
  lookup?: PackumentLookup;
  /** Precomputed publish history (replaying many releases of one packument). */
  history?: HistoryIndex;
}

export interface CompareOutput {
  delta: ReleaseDelta;
  problems: import('../../core/types.js').Problem[];
}

/** package.json of a release's files, parsed leniently (undefined when absent or broken). */
export function tarballManifest(files: PackageFiles | undefined): ManifestLike | undefined {
  const pj = files?.files.find((f) => f.path === 'package.json')?.data;
  if (!pj) return undefined;
  try {
    const j = JSON.parse(pj.toString('utf8')) as unknown;
    if (!j || typeof j !== 'object' || Array.isArray(j)) return undefined;
    const o = j as Record<string, unknown>;
    const rec = (x: unknown): Record<string, string> | undefined =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? (Object.fromEntries(Object.entries(x).filter(([, v]) => typeof v === 'string')) as Record<string, string>)
        : undefined;
    const m: ManifestLike = {};
    const d = rec(o.dependencies),
      od = rec(o.optionalDependencies),
      s = rec(o.scripts);
    if (d) m.dependencies = d;
    if (od) m.optionalDependencies = od;
    if (s) m.scripts = s;
    return m;
  } catch {
    return undefined;
  }
}

export async function compareReleases(o: CompareOptions): Promise<CompareOutput> {
  const { packument: p, to, from, subject } = o;
  const history = o.history ?? indexHistory(p);
  const unavailable: Unavailable[] = [];
  const problems: CompareOutput['problems'] = [];
  const signals: Signal[] = [];

  if (p.versions[to.version]) {
    const meta = metadataSignals(p, to.version, history, subject);
    signals.push(...meta.signals);
    unavailable.push(...meta.unavailable);
  }
  const bump = from ? bumpKind(from.version, to.version) : undefined;
  const delta: ReleaseDelta = {
    name: p.name,
    to: to.version,
    fromChosen: from ? (o.fromChosen ?? 'given') : 'none',
    score: 0,
    severity: 'info',
    signals: [],
    unavailable,
  };
  if (from) delta.from = from.version;
  const handover = p.versions[to.version] ? recentHandover(p, to.version, history) : undefined;
  if (handover) delta.handover = handover;
  if (bump) delta.bump = bump;
  const t = history.timeOf(to.version);
  if (t !== undefined) delta.publishedAt = new Date(t).toISOString();
  const tf = from ? history.timeOf(from.version) : undefined;
  if (tf !== undefined) delta.previousPublishedAt = new Date(tf).toISOString();

  if (from) {
    const prevM = from.manifest ?? tarballManifest(from.files);
    const curM = to.manifest ?? tarballManifest(to.files);
    if (prevM && curM) {
      const deps = dependencyDelta(prevM, curM);
      delta.dependencies = deps;
      const scopes = knownScopes(prevM);
      signals.push(...dependencySignals(deps, 'package.json', bump, scopes));
      const plain = Object.fromEntries(Object.entries(deps.added).filter(([n, s]) => !remoteSpecKind(n, s)));
      const established = (k: string): boolean => {
        const i = history.firstPublish.get(k);
        return i !== undefined && i < (history.indexOf.get(to.version) ?? -1);
      };
      const sameOwner = (dep: string): boolean => dep.startsWith('@') && scopes.has(dep.slice(0, dep.indexOf('/')));
      const info = await newDependencyInfo(plain, t, o.lookup, subject, established, sameOwner);
      signals.push(...info.signals);
      unavailable.push(...info.unavailable);
      problems.push(...info.problems);
    }
    if (from.files && to.files) {
      const fd = diffFiles(from.files, to.files);
      delta.files = fd.summary;
      const facts = await releaseFacts(o.contentFacts, from.files, to.files);
      if ('gaveUp' in facts) {
        signals.push(...installScriptSignals(prevM?.scripts, curM?.scripts));
        unavailable.push({
          subject,
          field: 'content',
          reason: `${facts.gaveUp}; capability and install-script file changes were not compared`,
        });
      } else {
        const a = scriptsOf(facts.before);
        const b = scriptsOf(facts.after);
        signals.push(...installScriptSignals(a.scripts, b.scripts, b.files, { ...(curM?.scripts ?? {}), ...b.scripts }));
        signals.push(...capabilitySignals(facts.before, facts.after, fd.isNewLine, isPlatformPackage(to.manifest)));
      }
      signals.push(...unusualFileSignals(from.files, fd.summary));
      signals.push(...sizeJumpSignal(fd.summary, bump));
      signals.push(...patchRewriteSignal(fd.summary, bump, from.version, to.version));
    } else {
      signals.push(...installScriptSignals(prevM?.scripts, curM?.scripts));
      const missing = [!from.files && from.version, !to.files && to.version].filter(Boolean).join(' and ');
      unavailable.push({
        subject,
        field: 'tarball',
        reason: `files of ${missing} not read; capability, file and size changes were not compared`,
      });
    }
  }

  const scored = scoreRelease(signals, bump, from?.version, to.version);
  delta.signals = scored.signals;
  delta.score = scored.score;
  delta.severity = scored.severity;
  return { delta, problems };
}

/**
 * Content facts of both releases: the scan's (shared with the content analyzer, computed in its
 * worker pool) when there is one. An analysis that stopped at its limit is reported, not repeated.
 */
async function releaseFacts(
  service: ContentFactsService | undefined,
  from: PackageFiles,
  to: PackageFiles,
): Promise<{ before: ContentFacts; after: ContentFacts } | { gaveUp: string }> {
  // Facts are kept by `files.origin`; two releases read under one origin must not share them.
  const same = from.origin === to.origin;
  const shared = service && !same ? service : createContentFactsService();
  try {
    const before = await shared.of(from);
    return { before, after: same ? contentFacts(to) : await shared.of(to) };
  } catch (e) {
    if (!isVigilError(e, 'E_ANALYZER_LIMIT')) throw e;
    return { gaveUp: e.message };
  }
}
