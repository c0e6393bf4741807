/**
 * Parse one raw OSV record into an Advisory. Entry-level defects (a bad range, an unknown
 * ecosystem) drop that part with a Problem; a record without an id or any usable content is skipped.
 */
import { isObj } from '../../core/guards.js';
import type { Problem, Severity } from '../../core/types.js';
import { cvss3BaseScore, severityFromScore, severityFromWord } from './cvss.js';
import { ecosystemFromPurlType, ecosystemInfo } from './ecosystems.js';
import type { AffectedPackage, AffectedRange, Advisory, RangeEvent, RangeEventKind } from './model.js';
import { rangeOrderError } from './ranges.js';
import { isValidVersion } from './versions.js';
import { parsePurl } from '../../core/purl.js';

/** Problem code for unusable advisory input (closest existing VigilError code). */
export const ADVISORY_INPUT_CODE = 'E_UNSUPPORTED';

export interface ParseOutcome {
  advisory?: Advisory;
  problems: Problem[];
  /** Ecosystems of affected entries vigil cannot order (kept, exact-version only). */
  unsupported: string[];
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : []);
/** How OSSF MAL records and GitHub malware advisories title themselves. */
const MALICIOUS_SUMMARY = /^(malicious code|embedded malware|embedded malicious code|malicious package) in /i;
const EVENT_KINDS: RangeEventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

/** `where` names the place for messages: a file, or `file!entry` inside a zip. */
export function parseOsvRecord(raw: unknown, where: { file: string; entry?: string }): ParseOutcome {
  const origin = where.entry ? `${where.file}!${where.entry}` : where.file;
  const problems: Problem[] = [];
  const unsupported: string[] = [];
  const problem = (message: string, subject?: string): void => {
    problems.push({ code: ADVISORY_INPUT_CODE, message: where.entry ? `${where.entry}: ${message}` : message, file: where.file, subject });
  };
  if (!isObj(raw)) {
    problem('not an OSV record (expected a JSON object)');
    return { problems, unsupported };
  }
  const id = str(raw.id);
  if (!id) {
    problem('OSV record has no "id"');
    return { problems, unsupported };
  }
  const affected: AffectedPackage[] = [];
  const rawAffected = Array.isArray(raw.affected) ? raw.affected : [];
  if (raw.affected !== undefined && !Array.isArray(raw.affected)) problem(`${id}: "affected" is not an array`, id);
  rawAffected.forEach((a, i) => {
    const pkg = parseAffected(a, `${id}: affected[${i}]`, problem, id);
    if (!pkg) return;
    if (!ecosystemInfo(pkg.ecosystem).supported) unsupported.push(pkg.ecosystem || `purl:${pkg.kind}`);
    affected.push(pkg);
  });
  const withdrawn = str(raw.withdrawn);
  if (!withdrawn && rawAffected.length > 0 && affected.length === 0) {
    problem(`${id}: no usable "affected" entry; record skipped`, id);
    return { problems, unsupported };
  }
  const aliases = strings(raw.aliases).filter((a) => a !== id);
  const summary = str(raw.summary);
  const dbs = isObj(raw.database_specific) ? raw.database_specific : undefined;
  const severity = Array.isArray(raw.severity)
    ? raw.severity.filter(isObj).flatMap((s) => (str(s.type) && str(s.score) ? [{ type: s.type as string, score: s.score as string }] : []))
    : [];
  const malicious =
    [id, ...aliases].some((x) => x.startsWith('MAL-')) ||
    MALICIOUS_SUMMARY.test(summary ?? '') ||
    (dbs !== undefined && ('malicious-packages-origins' in dbs || strings(dbs.cwe_ids).includes('CWE-506')));
  const { level, levelSource } = readLevel(severity, affected, dbs, malicious);
  const references = Array.isArray(raw.references)
    ? raw.references.filter(isObj).flatMap((r) => (str(r.url) ? [{ type: str(r.type) ?? 'WEB', url: r.url as string }] : []))
    : [];
  const advisory: Advisory = {
    id,
    aliases,
    related: strings(raw.related),
    summary,
    details: str(raw.details),
    severity,
    level,
    levelSource,
    malicious,
    references,
    published: str(raw.published),
    modified: str(raw.modified),
    withdrawn,
    affected,
    databaseSpecific: dbs,
    origin,
  };
  return { advisory, problems, unsupported };
}

function parseAffected(a: unknown, where: string, problem: (m: string, s?: string) => void, id: string): AffectedPackage | undefined {
  if (!isObj(a)) return (problem(`${where} is not an object`, id), undefined);
  const p = isObj(a.package) ? a.package : {};
  let ecosystem = str(p.ecosystem) ?? '';
  let name = str(p.name) ?? '';
  const purl = str(p.purl);
  let purlType: string | undefined;
  if (purl) {
    try {
      const pp = parsePurl(purl);
      purlType = pp.type;
      if (!ecosystem) ecosystem = ecosystemFromPurlType(pp.type, pp.namespace);
      if (!name) name = pp.fullName;
    } catch {
      problem(`${where}: invalid purl "${purl}"`, id);
    }
  }
  if (!name) return (problem(`${where}: package has no name or purl`, id), undefined);
  const info = ecosystemInfo(ecosystem);
  let scheme = info.scheme;
  const rawRanges = Array.isArray(a.ranges) ? a.ranges : [];
  if (scheme === 'other' && rawRanges.some((r) => isObj(r) && r.type === 'SEMVER')) scheme = 'semver';
  const ranges: AffectedRange[] = [];
  rawRanges.forEach((r, j) => {
    const range = parseRange(r, scheme, `${where}.ranges[${j}]`, problem, id);
    if (range) ranges.push(range);
  });
  const versions = strings(a.versions);
  if (ranges.length === 0 && versions.length === 0) {
    return (problem(`${where} (${ecosystem || purlType} ${name}): no usable range or version`, id), undefined);
  }
  return {
    ecosystem,
    kind: info.supported ? info.kind : (purlType ?? info.kind),
    distro: info.distro,
    release: info.release,
    name,
    purl,
    scheme,
    ranges,
    versions,
    databaseSpecific: isObj(a.database_specific) ? a.database_specific : undefined,
    ecosystemSpecific: isObj(a.ecosystem_specific) ? a.ecosystem_specific : undefined,
  };
}

function parseRange(
  r: unknown,
  scheme: AffectedPackage['scheme'],
  where: string,
  problem: (m: string, s?: string) => void,
  id: string,
): AffectedRange | undefined {
  if (!isObj(r)) return (problem(`${where} is not an object`, id), undefined);
  const type = r.type;
  if (type !== 'SEMVER' && type !== 'ECOSYSTEM' && type !== 'GIT')
    return (problem(`${where}: unknown range type ${JSON.stringify(type)}`, id), undefined);
  if (!Array.isArray(r.events) || r.events.length === 0) return (problem(`${where}: range has no events`, id), undefined);
  const events: RangeEvent[] = [];
  for (const e of r.events) {
    const keys = isObj(e) ? Object.keys(e).filter((k) => (EVENT_KINDS as string[]).includes(k)) : [];
    const kind = keys[0] as RangeEventKind | undefined;
    const version = kind && isObj(e) ? str(e[kind]) : undefined;
    if (keys.length !== 1 || !kind || !version) return (problem(`${where}: invalid event ${JSON.stringify(e)}`, id), undefined);
    const special = (kind === 'introduced' && version === '0') || (kind === 'limit' && version === '*');
    if (type !== 'GIT' && !special && scheme !== 'other' && !isValidVersion(scheme, version)) {
      return (problem(`${where}: "${version}" is not a valid ${scheme === 'dpkg' ? 'Debian' : 'semver'} version`, id), undefined);
    }
    events.push({ kind, version });
  }
  if (!events.some((e) => e.kind === 'introduced')) return (problem(`${where}: range has no "introduced" event`, id), undefined);
  const range: AffectedRange = { type, repo: str(r.repo), events };
  const order = type === 'GIT' ? undefined : rangeOrderError(range, scheme);
  if (order) return (problem(`${where}: events out of order (${order}); range ignored`, id), undefined);
  return range;
}

function readLevel(
  severity: { type: string; score: string }[],
  affected: AffectedPackage[],
  dbs: Obj | undefined,
  malicious: boolean,
): { level: Severity; levelSource: string } {
  if (malicious) return { level: 'critical', levelSource: 'malicious release' };
  for (const s of severity) {
    const score = cvss3BaseScore(s.score);
    if (score !== undefined) return { level: severityFromScore(score), levelSource: `${s.type} ${score.toFixed(1)}` };
  }
  const word = severityFromWord(dbs?.severity);
  if (word) return { level: word, levelSource: `database_specific.severity ${String(dbs?.severity)}` };
  for (const a of affected) {
    const w = severityFromWord(a.databaseSpecific?.severity) ?? severityFromWord(a.ecosystemSpecific?.severity);
    if (w) return { level: w, levelSource: `affected database_specific.severity` };
  }
  return { level: 'medium', levelSource: 'default (record states no readable severity)' };
}
