/**
 * Ranking of every source package of a suite: criticality × fragility, each explainable.
 * Criticality: reverse-dependency closure over the suite's binary packages (log2), privileged
 * services whose library path reaches it, Essential / Priority required (same weights as the host
 * ranking). Fragility: who carries it (orphaned, one person, a few people, a team) and whether it
 * has a Vcs. Upload history (debian/changelog) is not read yet: reported as such.
 */
import type { SuiteGraph } from '../../sources/debian/suite-graph.js';
import type { SourceEntry } from '../../sources/debian/archive-data.js';
import { CRITICALITY_WEIGHTS } from './criticality.js';
import { sourcePeople, type SourcePeople } from './people.js';
import { isLibraryName } from './privileged-paths.js';
import { PRIVILEGED_SERVICES, type PrivilegedService } from './privileged-services.js';

export interface RankedSource {
  rank: number;
  source: string;
  score: number;
  criticality: number;
  fragility: number;
  binaries: number;
  reverseDependencies: number;
  services: { network: string[]; privileged: string[] };
  essential: boolean;
  required: boolean;
  people?: { kind: SourcePeople['kind']; individuals: number; teams: number; maintainer: string };
  reasons: string[];
}

/** 0..1, higher = carried by fewer people. */
export function fragilityOf(p: SourcePeople | undefined): { value: number; reason: string } {
  if (!p) return { value: 0.5, reason: 'not in Sources: maintainers unknown' };
  const vcs = Object.keys(p.vcs).length > 0;
  const plus = vcs ? 0 : 0.1;
  const noVcs = vcs ? '' : ', no Vcs';
  const n = p.individuals.length;
  if (p.kind === 'orphaned') return { value: 1, reason: `orphaned (QA group)${noVcs}` };
  if (p.kind === 'individual' && n <= 1) return { value: Math.min(1, 0.9 + plus), reason: `one person: ${p.maintainer.name}${noVcs}` };
  if (p.kind === 'individual') return { value: (n === 2 ? 0.6 : 0.45) + plus, reason: `${n} people, no team${noVcs}` };
  return { value: (n <= 1 ? 0.4 : 0.25) + plus, reason: `team ${p.teams[0]?.name ?? ''} with ${n} named uploader(s)${noVcs}` };
}

/** Sources reached from each privileged service through library packages (forward BFS). */
function servicesBySource(g: SuiteGraph, services: PrivilegedService[]): Map<string, { network: Set<string>; privileged: Set<string> }> {
  const out = new Map<string, { network: Set<string>; privileged: Set<string> }>();
  for (const svc of services) {
    const start = svc.packages.map((n) => g.id.get(n)).find((i) => i !== undefined);
    if (start === undefined) continue;
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) {
      const cur = queue.shift()!;
      for (let k = g.fwdOff[cur]!; k < g.fwdOff[cur + 1]!; k++) {
        const t = g.fwdTo[k]!;
        if (seen.has(t) || !isLibraryName(g.names[t]!, g.section[t]!)) continue;
        seen.add(t);
        queue.push(t);
        const src = g.sources[t]!;
        (out.get(src) ?? out.set(src, { network: new Set(), privileged: new Set() }).get(src)!)[svc.exposure].add(svc.id);
      }
    }
  }
  return out;
}

export function rankSuite(g: SuiteGraph, sources: Map<string, SourceEntry>, top = 50, services = PRIVILEGED_SERVICES): RankedSource[] {
  const bins = new Map<string, number[]>();
  g.sources.forEach((s, i) => (bins.get(s) ?? bins.set(s, []).get(s)!).push(i));
  const svc = servicesBySource(g, services);
  const stamp = new Int32Array(g.names.length).fill(-1);
  const stack = new Int32Array(g.names.length);
  const w = CRITICALITY_WEIGHTS;
  const all: RankedSource[] = [];
  let round = 0;
  for (const [source, ids] of bins) {
    round++;
    let sp = 0;
    for (const i of ids) {
      stamp[i] = round;
      stack[sp++] = i;
    }
    let count = 0;
    while (sp > 0) {
      const cur = stack[--sp]!;
      for (let k = g.revOff[cur]!; k < g.revOff[cur + 1]!; k++) {
        const f = g.revTo[k]!;
        if (stamp[f] === round) continue;
        stamp[f] = round;
        stack[sp++] = f;
        count++;
      }
    }
    const s = svc.get(source);
    const essential = ids.some((i) => g.essential[i] === 1);
    const required = ids.some((i) => g.priority[i] === 'required');
    const criticality =
      w.rdepsLog2 * Math.log2(1 + count) +
      w.networkService * (s?.network.size ?? 0) +
      w.privilegedService * (s?.privileged.size ?? 0) +
      (essential ? w.essential : 0) +
      (required ? w.required : 0);
    const entry = sources.get(source);
    const people = entry ? sourcePeople(source, entry) : undefined;
    const frag = fragilityOf(people);
    const reasons: string[] = [];
    if (count) reasons.push(`${count} binary packages depend on it`);
    if (s?.network.size) reasons.push(`on the library path of ${[...s.network].join(', ')} (network)`);
    if (s?.privileged.size) reasons.push(`on the library path of ${[...s.privileged].join(', ')}`);
    if (essential) reasons.push('Essential');
    else if (required) reasons.push('Priority: required');
    reasons.push(frag.reason);
    all.push({
      rank: 0,
      source,
      score: Math.round(criticality * frag.value * 100) / 100,
      criticality: Math.round(criticality * 100) / 100,
      fragility: Math.round(frag.value * 100) / 100,
      binaries: ids.length,
      reverseDependencies: count,
      services: { network: [...(s?.network ?? [])], privileged: [...(s?.privileged ?? [])] },
      essential,
      required,
      people: people
        ? { kind: people.kind, individuals: people.individuals.length, teams: people.teams.length, maintainer: people.maintainer.name }
        : undefined,
      reasons,
    });
  }
  all.sort((a, b) => b.score - a.score || b.criticality - a.criticality || a.source.localeCompare(b.source));
  return all.slice(0, top).map((r, i) => ({ ...r, rank: i + 1 }));
}
