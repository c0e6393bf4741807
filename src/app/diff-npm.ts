/**
 * `vigil diff` as a library call: `npm:NAME FROM TO`, `npm:NAME@TO` (against the release before
 * TO) or `npm:NAME` (latest against the release before it), on the registry's real metadata and
 * tarballs. Versions may be exact versions or dist-tags. A version missing, unpublished or whose
 * tarball fails integrity yields a Problem and a partial comparison (metadata and manifest only),
 * never a crash; only a TO that cannot be found at all is an error.
 */
import type { ArchiveLimits } from '../sources/archive/limits.js';
import semver from 'semver';
import { correlateTakeovers } from '../correlate/index.js';
import { toProblem, VigilError } from '../core/errors.js';
import { npmPurl } from '../core/purl.js';
import type { ScanResult } from '../core/result.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import type { Problem } from '../core/types.js';
import type { NpmSource } from '../engine/types.js';
import { readArchive } from '../sources/archive/read-archive.js';
import type { PackageFiles } from '../sources/archive/types.js';
import type { Packument } from '../sources/npm/types.js';
import type { Store } from '../store/types.js';
import { contentAnalyzer } from '../analyzers/content/analyzer.js';
import { createContentFactsService, type ContentFactsService } from '../analyzers/content/facts-service.js';
import { createFactsCache, type FactsCache } from '../store/facts-cache.js';
import { CONTENT_FACTS } from '../analyzers/content/types.js';
import { parseNpmSpec } from '../core/npm-spec.js';
import { RELEASE_DIFF_ANALYZER } from '../analyzers/release-diff/analyzer.js';
import { compareReleases, type ReleaseInput } from '../analyzers/release-diff/compare.js';
import { deltaFindings } from '../analyzers/release-diff/findings.js';
import { previousVersion } from '../analyzers/release-diff/previous-version.js';
import { putComponentFacts } from '../core/facts.js';
import { RELEASE_DIFF_FACTS } from '../analyzers/release-diff/types.js';

export interface DiffOptions {
  npm: NpmSource;
  /**
   * Where content facts are kept between runs (the store's analysis table, through the facts cache:
   * keyed by the content analyzer's code hash + tarball integrity): a warm diff reads both releases'
   * facts instead of re-analysing every file.
   */
  factsCache?: Pick<Store, 'getAnalysis' | 'putAnalysis'>;
  offline?: boolean;
  /** Archive limits (`--max-file-mb`); give no factsCache with a non-default cap (stored facts were read under the default). */
  limits?: Partial<ArchiveLimits>;
  /** Content facts shared with other work in the same process. */
  contentFacts?: ContentFactsService;
}

/** Resolve a version or dist-tag; explain unpublished and unknown versions. */
export function resolveVersion(p: Packument, want: string, role: 'FROM' | 'TO'): string {
  const tagged = p.distTags[want];
  if (tagged && p.versions[tagged]) return tagged;
  if (p.versions[want]) return want;
  const clean = semver.valid(want);
  if (clean && p.versions[clean]) return clean;
  if (p.time?.[want] !== undefined || (p.time?.unpublished !== undefined && Object.keys(p.versions).length === 0)) {
    throw new VigilError(
      'E_INPUT_NOT_FOUND',
      `${p.name}@${want} (${role}) was published and later unpublished; the registry no longer serves it`,
      {
        subject: `${p.name}@${want}`,
        hint: 'pick another version: `npm view NAME versions`',
      },
    );
  }
  const major = semver.coerce(want)?.major;
  const near = semver
    .rsort(Object.keys(p.versions).filter((v) => semver.valid(v) && (major === undefined || semver.major(v) === major)))
    .slice(0, 5);
  throw new VigilError('E_INPUT_NOT_FOUND', `${p.name} has no version or dist-tag "${want}" (${role})`, {
    subject: `${p.name}@${want}`,
    hint: `${Object.keys(p.versions).length} versions published${near.length ? `; e.g. ${near.join(', ')}` : ''}; dist-tags: ${Object.keys(p.distTags).join(', ') || 'none'}`,
  });
}

/** Read a release's files; hand its stored content facts to `shared`, or note where to store them. */
async function loadFiles(
  o: DiffOptions,
  cache: FactsCache | undefined,
  shared: ContentFactsService,
  toStore: Map<string, string>,
  p: Packument,
  version: string,
  problems: Problem[],
): Promise<PackageFiles | undefined> {
  const m = p.versions[version];
  try {
    const tb = await o.npm.getTarball(p.name, version, m?.dist.integrity ? { integrity: m.dist.integrity } : {});
    const files = await readArchive(tb.bytes, {
      strip: 'npm',
      origin: `npm:${p.name}@${version}`,
      ...(o.limits ? { limits: o.limits } : {}),
    });
    problems.push(...(files.problems ?? []));
    const stored = cache?.get(contentAnalyzer, tb.integrity);
    if (CONTENT_FACTS.is(stored)) shared.seed(files.origin, stored);
    else toStore.set(files.origin, tb.integrity);
    return files;
  } catch (e) {
    problems.push({
      ...toProblem(e, `${p.name}@${version}`),
      message: `files of ${p.name}@${version} not compared: ${(e as Error).message}`,
    });
    return undefined;
  }
}

/** positionals: [`npm:NAME[@TO]`, FROM?, TO?] */
export async function diffNpm(positionals: string[], o: DiffOptions): Promise<ScanResult> {
  const [spec, a, b] = positionals;
  const parsed = spec ? parseNpmSpec(spec) : undefined;
  if (!spec || !parsed) {
    throw new VigilError('E_USAGE', 'diff needs npm:NAME FROM TO or npm:NAME@VERSION', {
      hint: 'vigil diff npm:left-pad 1.2.0 1.3.0   |   vigil diff npm:left-pad@1.3.0',
    });
  }
  const explicitTo = spec.slice(4).lastIndexOf('@') > 0;
  if (explicitTo && b !== undefined)
    throw new VigilError('E_USAGE', `give either npm:NAME@TO or npm:NAME FROM TO, not both ("${positionals.join(' ')}")`);
  if (!explicitTo && a !== undefined && b === undefined)
    throw new VigilError('E_USAGE', `missing TO version after FROM ${a}`, {
      hint: `vigil diff npm:${parsed.name} ${a} TO, or npm:${parsed.name}@TO to compare with the release before it`,
    });

  const result = newResult('diff', positionals.join(' '));
  result.offline = o.offline === true;
  const p = await o.npm.getPackument(parsed.name);
  const to = resolveVersion(p, b ?? (explicitTo ? parsed.want : 'latest'), 'TO');
  let from: string | undefined;
  if (b !== undefined && a !== undefined) {
    try {
      from = resolveVersion(p, a, 'FROM');
    } catch (e) {
      result.problems.push(toProblem(e, `${p.name}@${a}`));
    }
  } else {
    from = previousVersion(p, to);
    if (!from)
      result.problems.push({
        code: 'E_INPUT_NOT_FOUND',
        subject: `${p.name}@${to}`,
        message: `${p.name}@${to} has no earlier stable release to compare with; only publisher signals were checked`,
      });
  }
  const purl = npmPurl(p.name, to);
  result.inventory.components.push({
    purl,
    ecosystem: 'npm',
    name: p.name,
    version: to,
    locations: [{ file: `npm:${p.name}@${to}` }],
    dev: false,
    optional: false,
  });
  result.inventory.sources.push({ file: o.npm.registryUrl(p.name), format: 'npm registry' });

  const shared = o.contentFacts ?? createContentFactsService();
  const toStore = new Map<string, string>();
  const cache = o.factsCache ? createFactsCache(o.factsCache) : undefined;
  const [toFiles, fromFiles] = await Promise.all([
    loadFiles(o, cache, shared, toStore, p, to, result.problems),
    from ? loadFiles(o, cache, shared, toStore, p, from, result.problems) : undefined,
  ]);
  const toInput: ReleaseInput = {
    version: to,
    ...(p.versions[to] ? { manifest: p.versions[to] } : {}),
    ...(toFiles ? { files: toFiles } : {}),
  };
  const fromInput: ReleaseInput | undefined = from
    ? { version: from, ...(p.versions[from] ? { manifest: p.versions[from] } : {}), ...(fromFiles ? { files: fromFiles } : {}) }
    : undefined;
  const { delta, problems } = await compareReleases({
    packument: p,
    to: toInput,
    ...(fromInput ? { from: fromInput, fromChosen: b !== undefined ? ('given' as const) : ('previous-by-semver' as const) } : {}),
    subject: purl,
    contentFacts: shared,
    ...(o.offline ? {} : { lookup: (n: string) => o.npm.getPackument(n) }),
  });
  for (const [origin, integrity] of toStore) {
    const facts = shared.peek(origin);
    if (facts) cache?.put(contentAnalyzer, integrity, facts);
  }
  result.findings.push(...deltaFindings(delta, purl, RELEASE_DIFF_ANALYZER));
  result.problems.push(...problems);
  result.unavailable.push(...delta.unavailable);
  putComponentFacts(result, RELEASE_DIFF_FACTS, purl, delta);
  // One release on its own: the story joins the handover with what this release added.
  result.findings.push(...correlateTakeovers({ findings: result.findings, facts: result.facts, inventory: result.inventory }));
  return finalizeResult(result);
}
