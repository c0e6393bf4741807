/**
 * scoreResult: criticality, fragility and suspicion of every component of a ScanResult, each with
 * the factors that produced it, plus the risk quadrant. Pure: reads the result (inventory,
 * findings, facts) and the optional extra data; never fetches, never mutates the result.
 */
import { readHistoryFacts } from '../analyzers/history/facts.js';
import { isObj } from '../core/guards.js';
import type { ScanResult } from '../core/result.js';
import type { Finding, InventoryComponent } from '../core/types.js';
import { parsePackageFunding } from '../sources/funding/package-funding.js';
import { analyzeGraph } from './graph-metrics.js';
import { criticalityOf, type PrivilegedUse } from './criticality.js';
import { fragilityOf } from './fragility.js';
import { suspicionOf } from './suspicion.js';
import { debianCarriers, npmCarriers, type Carriers } from './people.js';
import { fallbackCarriers } from './fallback-people.js';
import { buildQuadrant, quadrantOf } from './quadrant.js';
import type { HistoryLike, ScoringExtra } from './inputs.js';
import type { ComponentScore, ScoringFacts } from './types.js';
import { CRITICAL_AT } from './weights.js';
import { FactorInterner } from './intern.js';

function privilegedUse(debian: unknown): Map<string, PrivilegedUse> | undefined {
  if (!isObj(debian) || !Array.isArray(debian['privilegedPaths'])) return undefined;
  const out = new Map<string, PrivilegedUse>();
  for (const p of debian['privilegedPaths']) {
    if (!isObj(p) || !Array.isArray(p['libraries'])) continue;
    const svc = typeof p['service'] === 'string' ? p['service'] : 'service';
    const kind = p['exposure'] === 'network' ? 'network' : 'privileged';
    for (const l of p['libraries']) {
      if (!isObj(l) || typeof l['purl'] !== 'string') continue;
      const u = out.get(l['purl']) ?? out.set(l['purl'], { network: new Set(), privileged: new Set() }).get(l['purl'])!;
      u[kind].add(svc);
    }
  }
  return out;
}

/** Suite-wide reverse dependencies from `facts.debian.ranking` (vigil debian rank), by source package. */
function debianRanking(debian: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!isObj(debian) || !Array.isArray(debian['ranking'])) return out;
  for (const r of debian['ranking'])
    if (isObj(r) && typeof r['source'] === 'string' && typeof r['reverseDependencies'] === 'number')
      out.set(r['source'], r['reverseDependencies']);
  return out;
}

function fundedOf(c: InventoryComponent, extra: ScoringExtra): { has: boolean; source: string } | undefined {
  const known = extra.funding?.get(c.purl);
  if (known) return { has: known.length > 0, source: 'package.json, FUNDING.yml, funding.json' };
  const m = c.ecosystem === 'npm' ? extra.packuments?.get(c.name)?.versions[c.version] : undefined;
  if (!m) return undefined;
  return { has: parsePackageFunding(m.funding, c.purl).channels.length > 0, source: 'package.json funding' };
}

/** Who carries a component: registry maintainers, else the next best source that names anyone (fallback-people.ts). */
function carriersOf(
  c: InventoryComponent,
  debian: unknown,
  extra: ScoringExtra,
  history: HistoryLike | undefined,
): Carriers | { unknown: string } {
  if (c.ecosystem === 'deb') return debianCarriers(c, debian);
  if (c.ecosystem !== 'npm') return { unknown: `unknown: no maintainer source for ${c.ecosystem} components` };
  const p = extra.packuments?.get(c.name);
  const k = npmCarriers(p);
  if (!('unknown' in k)) return k;
  return (
    fallbackCarriers(p, c.version, history) ?? {
      unknown: `${k.unknown}; nothing else (release maintainers, git history, package.json author/contributors, repository) names anyone`,
    }
  );
}

export function scoreResult(result: ScanResult, extra: ScoringExtra = {}): ScoringFacts {
  const inv = result.inventory;
  const now = extra.now ?? new Date();
  const graph = analyzeGraph(inv);
  const debian = result.facts['debian'];
  const priv = privilegedUse(debian);
  const ranking = debianRanking(debian);
  const historyFacts = readHistoryFacts(result.facts['history']);
  const bySubject = new Map<string, Finding[]>();
  for (const f of result.findings) (bySubject.get(f.subject) ?? bySubject.set(f.subject, []).get(f.subject)!).push(f);

  // Held for every component until the last loop: factors shared (intern.ts) from the start.
  const shared = new FactorInterner();
  const crit = new Map<string, ReturnType<typeof criticalityOf>>();
  const carriers = new Map<string, Carriers | { unknown: string }>();
  const unknownCarriers = new Map<string, { unknown: string }>();
  for (const c of inv.components) {
    const eco =
      extra.ecosystem?.get(c.purl) ??
      (c.ecosystem === 'deb' && ranking.has(String(c.meta?.source ?? c.name))
        ? { dependents: ranking.get(String(c.meta?.source ?? c.name))!, source: 'Debian suite reverse dependencies' }
        : undefined);
    const cr = criticalityOf({
      component: c,
      graph: graph.metrics.get(c.purl),
      totalRoots: graph.roots,
      privileged: priv?.get(c.purl),
      privilegedKnown: c.ecosystem === 'deb' && priv !== undefined,
      ecosystem: eco,
    });
    crit.set(c.purl, { score: cr.score, factors: shared.list(cr.factors) });
    const k = carriersOf(c, debian, extra, extra.history?.get(c.purl) ?? historyFacts.get(c.purl));
    // The same "unknown" reason for thousands of components is one object.
    if ('unknown' in k) carriers.set(c.purl, unknownCarriers.get(k.unknown) ?? unknownCarriers.set(k.unknown, k).get(k.unknown)!);
    else carriers.set(c.purl, k);
  }

  // Maintainer load: how many of the user's critical components each person carries.
  const load = new Map<string, number>();
  for (const c of inv.components) {
    const k = carriers.get(c.purl)!;
    if ('unknown' in k || crit.get(c.purl)!.score < CRITICAL_AT) continue;
    for (const p of k.people) load.set(p, (load.get(p) ?? 0) + 1);
  }

  const scores: Record<string, ComponentScore> = {};
  for (const c of inv.components) {
    const k = carriers.get(c.purl)!;
    let worst: { count: number; person: string } | undefined;
    if (!('unknown' in k)) {
      worst = { count: 0, person: k.people[0] ?? 'nobody' };
      for (const p of k.people) {
        const n = load.get(p) ?? 0;
        if (n > worst.count) worst = { count: n, person: p };
      }
    }
    const h = extra.history?.get(c.purl) ?? historyFacts.get(c.purl);
    const fr = fragilityOf({
      component: c,
      carriers: k,
      packument: c.ecosystem === 'npm' ? extra.packuments?.get(c.name) : undefined,
      history: h,
      load: worst,
      funded: fundedOf(c, extra),
      now,
    });
    const cr = crit.get(c.purl)!;
    const su = suspicionOf(bySubject.get(c.purl) ?? []);
    scores[c.purl] = {
      name: c.name,
      version: c.version,
      criticality: cr.score,
      fragility: fr.score,
      suspicion: su.score,
      quadrant: quadrantOf(cr.score, fr.score),
      factors: shared.list([...cr.factors, ...fr.factors, ...su.factors]),
      ...('unknown' in k ? {} : { people: k.people, peopleSource: k.source }),
    };
  }
  // A signal unknown for every component is reported once (→ result.unavailable), not per component.
  const unknown = unknownSignals(scores);
  const everywhere = new Set(unknown.map((u) => u.signal));
  if (everywhere.size) for (const s of Object.values(scores)) s.factors = shared.filter(s.factors, (f) => !everywhere.has(f.name));
  return { scores, quadrant: buildQuadrant(scores), unknown };
}

/** Signals unknown for every component that has them, with the (first) reason. */
function unknownSignals(scores: Record<string, ComponentScore>): { signal: string; reason: string }[] {
  const seen = new Map<string, { all: boolean; reason: string }>();
  for (const s of Object.values(scores)) {
    for (const f of s.factors) {
      const e = seen.get(f.name);
      const unknown = f.value === 'unknown';
      if (!e) seen.set(f.name, { all: unknown, reason: f.explanation });
      else if (!unknown) e.all = false;
    }
  }
  return [...seen].filter(([, v]) => v.all).map(([signal, v]) => ({ signal, reason: v.reason }));
}

/**
 * The object to store as `result.facts.scoring`: one entry per purl in the shape the HTML report
 * reads (`{ criticality, fragility, suspicion, factors }`), plus `quadrant` (no numeric
 * `criticality`, so report readers skip it as a component).
 */
export function scoringFacts(s: ScoringFacts): Record<string, unknown> {
  return { ...s.scores, quadrant: s.quadrant };
}
