/**
 * Raw TOML tables → normalized audit types. Every shape error names the file and the key, so a typo
 * in a hand-edited audits.toml is an E_CONFIG (exit 2) that says where, never a silent no-op.
 *
 * audits.toml:   [criteria.NAME] description, implies
 *                [[audits."npm:NAME"]] who, criteria, version | delta = "A -> B" | violation = RANGE, notes, date
 *                [reviewers."NAME <EMAIL>"] funding (an http(s) URL)
 * config.toml:   [policy] criteria, dev-criteria
 *                [imports.NAME] url, sha256, criteria, packages
 *                [[exemptions."npm:NAME"]] version, criteria, reason, expires
 */
import semver from 'semver';
import { VigilError } from '../core/errors.js';
import type { AuditEntry, AuditPolicy, AuditSet, CriteriaDef, Exemption, ImportSpec, Origin, ReviewerInfo } from './types.js';
import { SAFE_TO_DEPLOY, SAFE_TO_RUN } from './criteria.js';
import type { TomlTable } from './toml-io.js';

const PKG_KEY = /^[a-z][a-z0-9+.-]*:(@[^/\s]+\/)?[^/\s@][^\s]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function bad(file: string, where: string, msg: string): never {
  throw new VigilError('E_CONFIG', `${where}: ${msg}`, { file, hint: 'see docs/audits.md for the format' });
}

function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function str(t: TomlTable, key: string, file: string, where: string, required: boolean): string | undefined {
  const v = t[key];
  if (v === undefined) return required ? bad(file, where, `missing "${key}"`) : undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string' || v.trim() === '') bad(file, `${where}.${key}`, 'expected a non-empty string');
  return v;
}

function strList(t: TomlTable, key: string, file: string, where: string, required: boolean): string[] {
  const v = t[key];
  if (v === undefined) return required ? bad(file, where, `missing "${key}"`) : [];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x.trim() !== '')) {
    bad(file, `${where}.${key}`, 'expected a string or a non-empty list of strings');
  }
  return list as string[];
}

function date(t: TomlTable, key: string, file: string, where: string): string | undefined {
  const d = str(t, key, file, where, false);
  if (d !== undefined && !DATE.test(d)) bad(file, `${where}.${key}`, `expected a date YYYY-MM-DD (got "${d}")`);
  return d;
}

function onlyKeys(t: TomlTable, allowed: readonly string[], file: string, where: string): void {
  for (const k of Object.keys(t)) if (!allowed.includes(k)) bad(file, where, `unknown key "${k}" (allowed: ${allowed.join(', ')})`);
}

function version(v: string, file: string, where: string): string {
  if (!semver.valid(v, { loose: true })) bad(file, where, `"${v}" is not a version`);
  return v;
}

export function parseCriteria(raw: unknown, file: string): CriteriaDef[] {
  if (raw === undefined) return [];
  if (!isTable(raw)) bad(file, 'criteria', 'expected a table of [criteria.NAME]');
  return Object.entries(raw).map(([name, def]) => {
    const where = `criteria.${name}`;
    if (!isTable(def)) bad(file, where, 'expected a table');
    onlyKeys(def, ['description', 'implies'], file, where);
    return { name, description: str(def, 'description', file, where, true)!, implies: strList(def, 'implies', file, where, false) };
  });
}

function parseEntry(pkg: string, e: unknown, i: number, file: string, origin: Origin): AuditEntry {
  const where = `audits."${pkg}"[${i}]`;
  if (!isTable(e)) bad(file, where, 'expected a table');
  onlyKeys(e, ['who', 'criteria', 'version', 'delta', 'violation', 'notes', 'date'], file, where);
  const d = date(e, 'date', file, where);
  const notes = str(e, 'notes', file, where, false);
  const base = {
    package: pkg,
    criteria: strList(e, 'criteria', file, where, true),
    who: str(e, 'who', file, where, true)!,
    ...(d !== undefined ? { date: d } : {}),
    ...(notes !== undefined ? { notes } : {}),
    origin,
  };
  const kinds = ['version', 'delta', 'violation'].filter((k) => e[k] !== undefined);
  if (kinds.length !== 1) bad(file, where, 'needs exactly one of "version", "delta" or "violation"');
  if (e['version'] !== undefined)
    return { ...base, kind: 'full', version: version(str(e, 'version', file, where, true)!, file, `${where}.version`) };
  if (e['delta'] !== undefined) {
    const d = str(e, 'delta', file, where, true)!;
    const m = /^\s*(\S+)\s*->\s*(\S+)\s*$/.exec(d);
    if (!m) bad(file, `${where}.delta`, `expected "FROM -> TO" (got "${d}")`);
    return { ...base, kind: 'delta', from: version(m[1]!, file, `${where}.delta`), to: version(m[2]!, file, `${where}.delta`) };
  }
  const range = str(e, 'violation', file, where, true)!;
  if (semver.validRange(range, { loose: true }) === null) bad(file, `${where}.violation`, `"${range}" is not a semver range`);
  return { ...base, kind: 'violation', range };
}

export function parseAuditSet(t: TomlTable, file: string, origin: Origin): AuditSet {
  onlyKeys(t, ['criteria', 'audits', 'reviewers'], file, '(top level)');
  const criteria = parseCriteria(t['criteria'], file);
  const audits = t['audits'] ?? {};
  if (!isTable(audits)) bad(file, 'audits', 'expected [[audits."ECOSYSTEM:NAME"]] entries');
  const entries: AuditEntry[] = [];
  for (const [pkg, list] of Object.entries(audits)) {
    if (!PKG_KEY.test(pkg)) bad(file, `audits."${pkg}"`, 'package keys are ECOSYSTEM:NAME, e.g. "npm:left-pad"');
    if (!Array.isArray(list)) bad(file, `audits."${pkg}"`, 'expected an array of tables ([[audits."…"]])');
    list.forEach((e, i) => entries.push(parseEntry(pkg, e, i, file, origin)));
  }
  const reviewers = parseReviewers(t['reviewers'], file, origin);
  return { criteria, entries, ...(reviewers.length ? { reviewers } : {}) };
}

function parseReviewers(raw: unknown, file: string, origin: Origin): ReviewerInfo[] {
  if (raw === undefined) return [];
  if (!isTable(raw)) bad(file, 'reviewers', 'expected [reviewers."NAME <EMAIL>"] tables');
  return Object.entries(raw).map(([who, t]) => {
    const where = `reviewers."${who}"`;
    if (!isTable(t)) bad(file, where, 'expected a table');
    onlyKeys(t, ['funding'], file, where);
    const funding = str(t, 'funding', file, where, true)!;
    if (!/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(funding)) bad(file, `${where}.funding`, `expected an http(s) URL (got "${funding}")`);
    return { who, funding, origin };
  });
}

export function parsePolicy(raw: unknown, file: string): AuditPolicy {
  if (raw === undefined) return { criteria: SAFE_TO_DEPLOY, devCriteria: SAFE_TO_RUN };
  if (!isTable(raw)) bad(file, 'policy', 'expected a table');
  onlyKeys(raw, ['criteria', 'dev-criteria'], file, 'policy');
  return {
    criteria: str(raw, 'criteria', file, 'policy', false) ?? SAFE_TO_DEPLOY,
    devCriteria: str(raw, 'dev-criteria', file, 'policy', false) ?? SAFE_TO_RUN,
  };
}

export function parseImports(raw: unknown, file: string): ImportSpec[] {
  if (raw === undefined) return [];
  if (!isTable(raw)) bad(file, 'imports', 'expected [imports.NAME] tables');
  return Object.entries(raw).map(([name, t]) => {
    const where = `imports.${name}`;
    if (!isTable(t)) bad(file, where, 'expected a table');
    onlyKeys(t, ['url', 'sha256', 'criteria', 'packages'], file, where);
    const sha256 = str(t, 'sha256', file, where, false);
    if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) bad(file, `${where}.sha256`, 'expected 64 lowercase hex digits');
    return {
      name,
      url: str(t, 'url', file, where, true)!,
      sha256,
      criteria: strList(t, 'criteria', file, where, false),
      packages: strList(t, 'packages', file, where, false),
    };
  });
}

export function parseExemptions(raw: unknown, file: string): Exemption[] {
  if (raw === undefined) return [];
  if (!isTable(raw)) bad(file, 'exemptions', 'expected [[exemptions."ECOSYSTEM:NAME"]] entries');
  const out: Exemption[] = [];
  for (const [pkg, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) bad(file, `exemptions."${pkg}"`, 'expected an array of tables');
    list.forEach((t, i) => {
      const where = `exemptions."${pkg}"[${i}]`;
      if (!isTable(t)) bad(file, where, 'expected a table');
      onlyKeys(t, ['version', 'criteria', 'reason', 'expires'], file, where);
      out.push({
        package: pkg,
        version: version(str(t, 'version', file, where, true)!, file, `${where}.version`),
        criteria: strList(t, 'criteria', file, where, true),
        reason: str(t, 'reason', file, where, true)!,
        expires: date(t, 'expires', file, where),
      });
    });
  }
  return out;
}
