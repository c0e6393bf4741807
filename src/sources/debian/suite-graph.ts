/**
 * The binary-package dependency graph of a whole suite (one architecture), compact enough for
 * 60,000+ packages: integer ids, CSR adjacency in typed arrays, forward and reverse. A Depends
 * clause points at its first alternative that exists in the suite as a real package, else at the
 * first package Providing it (the archive is self-consistent, so version constraints are not
 * re-checked here).
 */
import { forEachStanza } from '../../formats/debian/control.js';
import { parseRelations } from '../../formats/debian/relations.js';

const FIELDS = new Set(['package', 'version', 'source', 'priority', 'essential', 'section', 'depends', 'pre-depends', 'provides']);
const clean = (v: string | undefined): string => (v ?? '').replace(/\s+/g, ' ').trim().replace(/\t/g, ' ');

/** Relation field → `a|b,c` (names only: alternatives by `|`, clauses by `,`). */
const names = (field: string | undefined): string =>
  parseRelations(field)
    .clauses.map((c) => c.map((r) => r.name).join('|'))
    .join(',');

/**
 * Packages index → tab-separated lines: name, version, source, priority, essential, section,
 * Pre-Depends+Depends and Provides as bare names (parsed once here, so building the graph from a
 * memoized digest is only string splitting).
 */
export function digestPackageGraph(text: string): string {
  const out: string[] = [];
  forEachStanza(
    text,
    (s) => {
      const f = s.fields;
      if (!f.package) return;
      const deps = [names(f['pre-depends']), names(f.depends)].filter(Boolean).join(',');
      out.push(
        [
          f.package,
          f.version,
          (f.source ?? '').split(' ')[0] || f.package,
          f.priority,
          (f.essential ?? '').toLowerCase() === 'yes' ? 'y' : '',
          f.section,
          deps,
          names(f.provides),
        ]
          .map(clean)
          .join('\t'),
      );
    },
    { only: FIELDS },
  );
  return out.join('\n');
}

export interface SuiteGraph {
  names: string[];
  versions: string[];
  sources: string[];
  priority: string[];
  section: string[];
  essential: Uint8Array;
  id: Map<string, number>;
  /** Forward edges: deps of i are fwdTo[fwdOff[i] .. fwdOff[i+1]). */
  fwdOff: Int32Array;
  fwdTo: Int32Array;
  revOff: Int32Array;
  revTo: Int32Array;
}

function csr(n: number, from: number[], to: number[]): { off: Int32Array; to: Int32Array } {
  const off = new Int32Array(n + 1);
  for (const f of from) off[f + 1]!++;
  for (let i = 0; i < n; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, n);
  const out = new Int32Array(from.length);
  for (let k = 0; k < from.length; k++) out[fill[from[k]!]!++] = to[k]!;
  return { off, to: out };
}

export function buildSuiteGraph(digest: string): SuiteGraph {
  const rows = digest
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const g = {
    names: [] as string[],
    versions: [] as string[],
    sources: [] as string[],
    priority: [] as string[],
    section: [] as string[],
    essential: new Uint8Array(rows.length),
    id: new Map<string, number>(),
  };
  const keep: string[][] = [];
  for (const r of rows) {
    const name = r[0]!;
    if (g.id.has(name)) continue; // one entry per name (several versions can be listed; the first wins)
    g.id.set(name, keep.length);
    g.essential[keep.length] = r[4] === 'y' ? 1 : 0;
    g.names.push(name);
    g.versions.push(r[1] ?? '');
    g.sources.push(r[2] || name);
    g.priority.push(r[3] ?? '');
    g.section.push(r[5] ?? '');
    keep.push(r);
  }
  const providers = new Map<string, number>();
  keep.forEach((r, i) => {
    for (const p of (r[7] ?? '').split(',')) if (p && !providers.has(p)) providers.set(p, i);
  });
  const from: number[] = [];
  const to: number[] = [];
  keep.forEach((r, i) => {
    for (const clause of (r[6] ?? '').split(',')) {
      if (!clause) continue;
      let t: number | undefined;
      for (const alt of clause.split('|')) {
        t = g.id.get(alt) ?? providers.get(alt);
        if (t !== undefined) break;
      }
      if (t !== undefined && t !== i) {
        from.push(i);
        to.push(t);
      }
    }
  });
  const fwd = csr(keep.length, from, to);
  const rev = csr(keep.length, to, from);
  return { ...g, essential: g.essential.subarray(0, keep.length), fwdOff: fwd.off, fwdTo: fwd.to, revOff: rev.off, revTo: rev.to };
}
