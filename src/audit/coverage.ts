/**
 * Is `package@version` covered for a required criterion? Covered means one of: a full audit of that
 * version, a chain of delta audits from an audited (or exempted) version, or an unexpired exemption —
 * each for a criterion that implies the required one. A violation whose range contains the version
 * (for a criterion the required one implies) fails it, whatever else covers it: that is a conflict.
 */
import semver from 'semver';
import type { CriteriaGraph } from './criteria.js';
import type { AuditEntry, DeltaAudit, Exemption, FullAudit, Violation } from './types.js';

export type Coverage =
  | { status: 'covered'; how: 'full' | 'delta-chain' | 'exemption'; chain: (FullAudit | DeltaAudit)[]; exemption?: Exemption }
  | { status: 'violated'; violations: Violation[]; coveredBy: (FullAudit | DeltaAudit)[] }
  | { status: 'unaudited'; nearest?: string };

/** One dependency version with the criterion it needs and how (or whether) it is covered. */
export interface AuditItem {
  purl: string;
  package: string;
  version: string;
  required: string;
  dev: boolean;
  coverage: Coverage;
}

export interface CoverageInput {
  pkg: string;
  version: string;
  required: string;
  entries: readonly AuditEntry[];
  exemptions: readonly Exemption[];
  graph: CriteriaGraph;
  today: string;
}

export function isExpired(e: Exemption, today: string): boolean {
  return e.expires !== undefined && e.expires < today;
}

function violates(v: Violation, version: string, required: string, graph: CriteriaGraph): boolean {
  // Failing criterion c also fails everything that implies c.
  const needed = graph.closure([required]);
  return v.criteria.some((c) => needed.has(c)) && semver.satisfies(version, v.range, { loose: true, includePrerelease: true });
}

/** Versions reachable for `required`, each with the audit chain that certifies it. */
function certified(i: CoverageInput): Map<string, { chain: (FullAudit | DeltaAudit)[]; exemption?: Exemption }> {
  const ok = (e: { criteria: string[] }) => i.graph.satisfies(e.criteria, i.required);
  const reach = new Map<string, { chain: (FullAudit | DeltaAudit)[]; exemption?: Exemption }>();
  const queue: string[] = [];
  for (const e of i.entries) {
    if (e.kind === 'full' && ok(e) && !reach.has(e.version)) {
      reach.set(e.version, { chain: [e] });
      queue.push(e.version);
    }
  }
  for (const x of i.exemptions) {
    if (x.package === i.pkg && !isExpired(x, i.today) && ok(x) && !reach.has(x.version)) {
      reach.set(x.version, { chain: [], exemption: x });
      queue.push(x.version);
    }
  }
  const deltas = i.entries.filter((e): e is DeltaAudit => e.kind === 'delta' && ok(e));
  while (queue.length > 0) {
    const from = queue.shift()!;
    const base = reach.get(from)!;
    for (const d of deltas) {
      if (d.from !== from || reach.has(d.to)) continue;
      reach.set(d.to, { chain: [...base.chain, d], exemption: base.exemption });
      queue.push(d.to);
    }
  }
  return reach;
}

/** The certified version closest below `version` (else the closest above): the cheapest delta to review. */
function nearest(versions: Iterable<string>, version: string): string | undefined {
  const list = [...versions].filter((v) => semver.valid(v, { loose: true }));
  const below = list.filter((v) => semver.lt(v, version, true)).sort((a, b) => semver.rcompare(a, b, true));
  const above = list.filter((v) => semver.gt(v, version, true)).sort((a, b) => semver.compare(a, b, true));
  return below[0] ?? above[0];
}

export function coverage(i: CoverageInput): Coverage {
  const reach = certified(i);
  const hit = reach.get(i.version);
  const violations = i.entries.filter((e): e is Violation => e.kind === 'violation' && violates(e, i.version, i.required, i.graph));
  if (violations.length > 0) return { status: 'violated', violations, coveredBy: hit?.chain ?? [] };
  if (hit) {
    const how = hit.chain.length === 0 ? 'exemption' : hit.chain.length === 1 && !hit.exemption ? 'full' : 'delta-chain';
    return { status: 'covered', how, chain: hit.chain, exemption: hit.exemption };
  }
  return { status: 'unaudited', nearest: semver.valid(i.version, { loose: true }) ? nearest(reach.keys(), i.version) : undefined };
}
