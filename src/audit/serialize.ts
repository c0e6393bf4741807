/** Normalized audits → TOML tables, in a stable order (package, then version) so diffs stay small. */
import semver from 'semver';
import type { AuditEntry, AuditSet } from './types.js';
import type { TomlTable } from './toml-io.js';

function entryVersion(e: AuditEntry): string {
  return e.kind === 'full' ? e.version : e.kind === 'delta' ? e.to : (semver.minVersion(e.range)?.version ?? '0.0.0');
}

function entryTable(e: AuditEntry): TomlTable {
  const t: TomlTable = { who: e.who, criteria: e.criteria.length === 1 ? e.criteria[0] : e.criteria };
  if (e.kind === 'full') t['version'] = e.version;
  else if (e.kind === 'delta') t['delta'] = `${e.from} -> ${e.to}`;
  else t['violation'] = e.range;
  if (e.date) t['date'] = e.date;
  if (e.notes) t['notes'] = e.notes;
  return t;
}

export function auditSetTable(set: AuditSet): TomlTable {
  const out: TomlTable = {};
  if (set.criteria.length > 0) {
    out['criteria'] = Object.fromEntries(
      set.criteria.map((c) => [
        c.name,
        c.implies.length ? { description: c.description, implies: c.implies } : { description: c.description },
      ]),
    );
  }
  const byPkg = new Map<string, AuditEntry[]>();
  for (const e of set.entries) byPkg.set(e.package, [...(byPkg.get(e.package) ?? []), e]);
  const audits: TomlTable = {};
  for (const pkg of [...byPkg.keys()].sort()) {
    const list = byPkg
      .get(pkg)!
      .slice()
      .sort((a, b) => semver.compare(entryVersion(a), entryVersion(b), true) || a.kind.localeCompare(b.kind));
    audits[pkg] = list.map(entryTable);
  }
  out['audits'] = audits;
  if (set.reviewers?.length) {
    const mine = [...set.reviewers].sort((a, b) => a.who.localeCompare(b.who));
    out['reviewers'] = Object.fromEntries(mine.map((r) => [r.who, { funding: r.funding }]));
  }
  return out;
}
