/** Adding an entry to this project's audits.toml (full, delta or violation), validated first. */
import semver from 'semver';
import { VigilError } from '../core/errors.js';
import { CriteriaGraph } from './criteria.js';
import { loadSupplyChain, saveLocalAudits } from './files.js';
import type { AuditEntry } from './types.js';

export type NewEntry =
  | { kind: 'full'; package: string; version: string }
  | { kind: 'delta'; package: string; from: string; to: string }
  | { kind: 'violation'; package: string; range: string };

export interface RecordInput {
  entry: NewEntry;
  criteria: string[];
  who: string;
  notes?: string;
  date: string;
}

function same(a: AuditEntry, b: AuditEntry): boolean {
  if (a.package !== b.package || a.kind !== b.kind || a.criteria.join() !== b.criteria.join()) return false;
  if (a.kind === 'full' && b.kind === 'full') return a.version === b.version;
  if (a.kind === 'delta' && b.kind === 'delta') return a.from === b.from && a.to === b.to;
  return a.kind === 'violation' && b.kind === 'violation' && a.range === b.range;
}

/** Appends the entry (unless the same one is already recorded) and returns the file written. */
export function recordAudit(dir: string, input: RecordInput): { file: string; entry: AuditEntry; duplicate: boolean } {
  const sc = loadSupplyChain(dir);
  const graph = new CriteriaGraph(sc.local.criteria);
  if (input.criteria.length === 0)
    throw new VigilError('E_USAGE', 'give at least one --criteria', { hint: `known: ${graph.names().join(', ')}` });
  for (const c of input.criteria) {
    if (!graph.has(c))
      throw new VigilError('E_USAGE', `unknown criterion "${c}"`, {
        hint: `known: ${graph.names().join(', ')}; define new ones as [criteria.NAME] in ${dir}/audits.toml`,
      });
  }
  const e = input.entry;
  for (const v of e.kind === 'full' ? [e.version] : e.kind === 'delta' ? [e.from, e.to] : []) {
    if (!semver.valid(v, { loose: true })) throw new VigilError('E_USAGE', `"${v}" is not a version`);
  }
  if (e.kind === 'violation' && semver.validRange(e.range, { loose: true }) === null)
    throw new VigilError('E_USAGE', `"${e.range}" is not a semver range`);
  const entry = {
    ...e,
    criteria: input.criteria,
    who: input.who,
    date: input.date,
    origin: 'local',
    ...(input.notes ? { notes: input.notes } : {}),
  } as AuditEntry;
  const duplicate = sc.local.entries.some((x) => same(x, entry));
  const file = duplicate ? `${dir}/audits.toml` : saveLocalAudits(dir, { ...sc.local, entries: [...sc.local.entries, entry] });
  return { file, entry, duplicate };
}
