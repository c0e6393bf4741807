/** Fragility of one component's upkeep (signals and weights: weights.ts). Higher = more fragile. */
import type { InventoryComponent } from '../core/types.js';
import type { PackageMetadata } from '../core/package-metadata.js';
import { FRAGILITY as W } from './weights.js';
import { combine, logTerm, type Signal } from './openssf.js';
import type { Carriers } from './people.js';
import type { HistoryLike } from './inputs.js';

export interface FragilityInput {
  component: InventoryComponent;
  carriers: Carriers | { unknown: string };
  packument?: PackageMetadata;
  history?: HistoryLike;
  /** Largest number of critical components carried by one of this component's people. */
  load?: { count: number; person: string };
  /** Whether a funding channel exists; undefined when no source was read. */
  funded?: { has: boolean; source: string };
  now: Date;
}

const MONTH_MS = 30.44 * 24 * 3600 * 1000;

function truckFactorValue(h: HistoryLike | undefined): number | undefined {
  const tf = h?.truckFactor;
  const v = typeof tf === 'number' ? tf : typeof tf === 'object' && tf ? tf.value : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Newest real publish time of any version, or why it is unknown. */
export function lastRelease(p: PackageMetadata | undefined): { date: Date } | { unknown: string } {
  if (!p) return { unknown: 'unknown: registry metadata not fetched' };
  if (!p.available.time || !p.time)
    return { unknown: `unknown: not available from this registry${p.unavailableReasons?.time ? ` (${p.unavailableReasons.time})` : ''}` };
  let best = NaN;
  for (const [k, v] of Object.entries(p.time)) {
    if (k === 'created' || k === 'modified' || !(k in p.versions)) continue;
    const t = Date.parse(v);
    if (Number.isFinite(t) && !(t <= best)) best = t;
  }
  return Number.isFinite(best) ? { date: new Date(best) } : { unknown: 'unknown: no version publish time served' };
}

export function fragilityOf(i: FragilityInput) {
  const s: Signal[] = [];
  const c = i.carriers;
  if ('unknown' in c)
    s.push({ name: 'maintainers', value: 'unknown', weight: W.maintainers.weight, term: undefined, explanation: c.unknown });
  else s.push({ name: 'maintainers', value: c.value, weight: W.maintainers.weight, term: c.term, explanation: c.explanation });

  const tf = truckFactorValue(i.history);
  if (tf === undefined)
    s.push({
      name: 'truckFactor',
      value: 'unknown',
      weight: W.truckFactor.weight,
      term: undefined,
      explanation: 'unknown: no repository history analyzed for it',
    });
  else
    s.push({
      name: 'truckFactor',
      value: tf,
      weight: W.truckFactor.weight,
      term: tf <= 0 ? 1 : Math.min(1, 1 / tf),
      explanation: `truck factor ${tf} (Avelino et al. degree-of-authorship)`,
    });

  const top = i.history?.fragility?.topMaintainer;
  if (!i.history)
    s.push({
      name: 'maintainerDecline',
      value: 'unknown',
      weight: W.maintainerDecline.weight,
      term: undefined,
      explanation: 'unknown: no repository history analyzed for it',
    });
  else {
    const d = top?.decline;
    s.push({
      name: 'maintainerDecline',
      value: !!d,
      weight: W.maintainerDecline.weight,
      term: d ? 1 : 0,
      explanation: d
        ? `top maintainer ${top?.name ?? ''} down from ${d.peakCommits} commits in ${d.peakYear} to ${d.lastTwoYears} in the last two years`
        : 'no long decline of the top maintainer',
    });
  }

  const rel = lastRelease(i.packument);
  if ('unknown' in rel)
    s.push({
      name: 'releaseAge',
      value: 'unknown',
      weight: W.releaseAge.weight,
      term: undefined,
      explanation: i.component.ecosystem === 'npm' ? rel.unknown : 'unknown: no release dates for this ecosystem',
    });
  else {
    const months = Math.max(0, Math.round(((i.now.getTime() - rel.date.getTime()) / MONTH_MS) * 10) / 10);
    s.push({
      name: 'releaseAge',
      value: months,
      weight: W.releaseAge.weight,
      term: logTerm(months, W.releaseAge.threshold),
      explanation: `newest release ${rel.date.toISOString().slice(0, 10)}, ${months} months ago`,
    });
  }

  if (!i.load)
    s.push({
      name: 'maintainerLoad',
      value: 'unknown',
      weight: W.maintainerLoad.weight,
      term: undefined,
      explanation: 'unknown: maintainers not known',
    });
  else
    s.push({
      name: 'maintainerLoad',
      value: i.load.count,
      weight: W.maintainerLoad.weight,
      term: logTerm(i.load.count, W.maintainerLoad.threshold),
      explanation: `${i.load.person.replace(/^\w+:/, '')} carries ${i.load.count} of your critical components`,
    });

  if (!i.funded)
    s.push({
      name: 'noFunding',
      value: 'unknown',
      weight: W.noFunding.weight,
      term: undefined,
      explanation: 'unknown: no manifest or funding file read',
    });
  else
    s.push({
      name: 'noFunding',
      value: !i.funded.has,
      weight: W.noFunding.weight,
      term: i.funded.has ? 0 : 1,
      explanation: i.funded.has ? `funding channel declared (${i.funded.source})` : `no funding channel declared (${i.funded.source})`,
    });

  const m = i.packument?.versions[i.component.version];
  if (!m)
    s.push({
      name: 'deprecated',
      value: 'unknown',
      weight: W.deprecated.weight,
      term: undefined,
      explanation: 'unknown: release manifest not read',
    });
  else
    s.push({
      name: 'deprecated',
      value: !!m.deprecated,
      weight: W.deprecated.weight,
      term: m.deprecated ? 1 : 0,
      explanation: m.deprecated ? `deprecated by its publisher: ${String(m.deprecated).slice(0, 120)}` : 'not deprecated',
    });

  return combine('fragility', s);
}
