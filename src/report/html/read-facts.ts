/**
 * Tolerant readers for command-specific facts (shapes documented in ../view-model.ts).
 * Facts are produced by other analyzers and may be absent or partial: every reader returns an empty
 * or undefined value rather than throwing.
 */
import { SEVERITIES, type Severity } from '../../core/types.js';
import type { CampaignView, FundingView, PrivilegedPathView, ScoreView, TableRow } from '../view-types.js';
import { arr, first, isObj, keep, num, scalar, str, toRow } from './fact-helpers.js';

export { readHistory } from './read-history.js';
export { num, toRow } from './fact-helpers.js';

function factorText(f: unknown): string | undefined {
  if (typeof f === 'string') return f;
  if (!isObj(f)) return undefined;
  const name = str(first(f, 'name', 'id', 'factor', 'label')) ?? 'factor';
  const value = first(f, 'value', 'score');
  const weight = num(f['weight']);
  const why = str(first(f, 'reason', 'detail', 'explanation', 'why'));
  let s = name;
  if (value !== undefined) s += ` = ${typeof value === 'number' ? +value.toFixed(3) : String(scalar(value))}`;
  if (weight !== undefined) s += ` (weight ${weight})`;
  if (why) s += `: ${why}`;
  return s;
}

export function readScores(facts: unknown): Map<string, ScoreView> {
  const out = new Map<string, ScoreView>();
  if (!isObj(facts)) return out;
  for (const [purl, v] of Object.entries(facts)) {
    if (!isObj(v)) continue;
    const criticality = num(v['criticality']);
    const fragility = num(v['fragility']);
    if (criticality === undefined || fragility === undefined) continue;
    const factors = arr(v['factors'])
      .map(factorText)
      .filter((x): x is string => !!x);
    out.set(purl, { criticality, fragility, suspicion: num(v['suspicion']) ?? 0, factors });
  }
  return out;
}

export function readFunding(facts: unknown): FundingView | undefined {
  if (!isObj(facts)) return undefined;
  const plan = isObj(facts['plan']) ? facts['plan'] : facts;
  const rows = keep(arr(first(plan, 'shares', 'allocations', 'recipients', 'payouts')).map((x) => toRow(x)));
  const unfunded = arr(first(plan, 'unfunded', 'noChannel', 'withoutChannel'))
    .map((x) => str(isObj(x) ? first(x, 'purl', 'name') : x))
    .filter((x): x is string => !!x);
  if (rows.length === 0 && unfunded.length === 0) return undefined;
  const f: FundingView = { rows, unfunded };
  const budget = first(plan, 'budget', 'total');
  if (budget !== undefined) f.budget = scalar(budget);
  const currency = str(plan['currency']);
  const period = str(plan['period']);
  if (currency) f.currency = currency;
  if (period) f.period = period;
  return f;
}

function privPath(v: unknown): PrivilegedPathView | undefined {
  if (Array.isArray(v)) {
    const path = v.map(str).filter((x): x is string => !!x);
    return path.length ? { path } : undefined;
  }
  if (!isObj(v)) return undefined;
  if (Array.isArray(v['libraries'])) return undefined; // expanded by servicePaths()
  const path = arr(first(v, 'path', 'chain'))
    .map((x) => str(isObj(x) ? first(x, 'name', 'purl') : x))
    .filter((x): x is string => !!x);
  if (path.length === 0) return undefined;
  const p: PrivilegedPathView = { path };
  const root = str(first(v, 'root', 'service', 'from'));
  const reason = str(first(v, 'reason', 'why'));
  if (root) p.root = root;
  if (reason) p.reason = reason;
  return p;
}

/** The Debian analyzer's shape: one entry per service, `libraries[].path` from its package. */
function servicePaths(v: unknown): PrivilegedPathView[] {
  if (!isObj(v) || !Array.isArray(v['libraries'])) return [];
  const root = str(first(v, 'service', 'package'));
  const why = [str(v['exposure']), str(first(v, 'why', 'reason'))].filter(Boolean).join(': ');
  return keep(
    v['libraries'].map((l) => {
      if (!isObj(l)) return undefined;
      const path = arr(l['path'])
        .map(str)
        .filter((x): x is string => !!x);
      if (path.length === 0) return undefined;
      return { path, ...(root ? { root } : {}), ...(why ? { reason: why } : {}) };
    }),
  );
}

export function readDebianPaths(facts: unknown): PrivilegedPathView[] {
  if (!isObj(facts)) return [];
  const lists = [facts['privilegedPaths'], ...Object.values(facts).map((v) => (isObj(v) ? v['privilegedPaths'] : undefined))];
  const items = lists.flatMap(arr);
  return [...keep(items.map(privPath)), ...items.flatMap(servicePaths)];
}

/** People carrying packages on privileged paths (`facts.debian.criticalLoad`). */
export function readDebianLoad(facts: unknown): TableRow[] {
  if (!isObj(facts)) return [];
  return keep(arr(facts['criticalLoad']).map((x) => toRow(x)));
}

/** Columns shown for the advisories analyzer's rows, when present (the rest is in the JSON). */
const AFFECTED_COLUMNS = [
  'target',
  'package',
  'version',
  'matchedAs',
  'advisory',
  'severity',
  'malicious',
  'path',
  'recommended',
  'fix',
  'note',
];

export function readAffected(facts: unknown): { rows: TableRow[]; advisory?: { id: string; summary?: string; malicious?: boolean } } {
  if (Array.isArray(facts)) return { rows: keep(facts.map((x) => toRow(x))) };
  if (!isObj(facts)) return { rows: [] };
  const direct = first(facts, 'rows', 'table');
  let rows: TableRow[];
  if (Array.isArray(direct)) {
    const known = direct.some((r) => isObj(r) && 'matchedAs' in r);
    rows = keep(direct.map((x) => toRow(x, known ? AFFECTED_COLUMNS : undefined)));
  } else {
    const entries = Object.entries(facts).flatMap(([k, v]) => (Array.isArray(v) ? v : isObj(v) ? [{ subject: k, ...v }] : []));
    rows = keep(entries.map((x) => toRow(x)));
  }
  const adv = facts['advisory'];
  const id = isObj(adv) ? str(adv['id']) : undefined;
  if (!id || !isObj(adv)) return { rows };
  const summary = str(adv['summary']);
  return { rows, advisory: { id, ...(summary ? { summary } : {}), ...(adv['malicious'] === true ? { malicious: true } : {}) } };
}

const strings = (v: unknown): string[] =>
  arr(v)
    .map(str)
    .filter((x): x is string => !!x);

/** Pressure campaigns (`facts.discussion.campaigns`). */
export function readCampaigns(facts: unknown): CampaignView[] {
  if (!isObj(facts)) return [];
  return keep(
    arr(facts['campaigns']).map((c, n): CampaignView | undefined => {
      if (!isObj(c)) return undefined;
      const members = strings(c['members']);
      const timeline = keep(
        arr(c['timeline'])
          .slice(0, 200)
          .map((e) => {
            if (!isObj(e)) return undefined;
            return {
              date: str(e['date'])?.slice(0, 10) ?? '',
              who: str(first(e, 'identity', 'from')) ?? '',
              kind: str(e['kind']) ?? '',
              subject: str(e['subject']) ?? '',
              excerpt: str(e['excerpt']) ?? '',
            };
          }),
      );
      if (members.length === 0 && timeline.length === 0) return undefined;
      const features = keep(
        arr(c['features']).map((f) => {
          if (typeof f === 'string') return f;
          if (!isObj(f)) return undefined;
          const points = num(f['points']);
          return `${str(f['name']) ?? 'feature'}${points !== undefined ? ` (+${points})` : ''}${str(f['detail']) ? `: ${str(f['detail'])}` : ''}`;
        }),
      );
      const v: CampaignView = { id: str(c['id']) ?? `campaign ${n + 1}`, members, endorsed: strings(c['endorsed']), features, timeline };
      const sev = c['severity'];
      if ((SEVERITIES as readonly unknown[]).includes(sev)) v.severity = sev as Severity;
      const start = str(c['start']);
      const end = str(c['end']);
      if (start) v.start = start;
      if (end) v.end = end;
      return v;
    }),
  );
}
