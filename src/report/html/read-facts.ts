/**
 * Tolerant readers for command-specific facts (shapes documented in ../view-model.ts).
 * Facts are produced by other analyzers and may be absent or partial: every reader returns an empty
 * or undefined value rather than throwing, and never trusts a field's type.
 */
import { SEVERITIES, type Severity } from '../../core/types.js';
import type { FundingView, HistoryView, PrivilegedPathView, Scalar, ScoreView, TableRow, TimelineFlag, TimelinePerson, TimelineTag } from '../view-model.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const first = (o: Obj, ...keys: string[]): unknown => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
};

/** A number from `3`, `"3"` or `{ score | value: 3 }`; undefined otherwise. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (isObj(v)) return num(first(v, 'score', 'value'));
  return undefined;
}

const scalar = (v: unknown): Scalar => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map((x) => (isObj(x) || Array.isArray(x) ? JSON.stringify(x) : String(x))).join(', ');
  if (isObj(v)) {
    const label = str(first(v, 'name', 'url', 'id', 'type'));
    return label ?? JSON.stringify(v);
  }
  return v === undefined ? null : String(v);
};

export function toRow(v: unknown): TableRow | undefined {
  if (!isObj(v)) return undefined;
  const row: TableRow = {};
  for (const [k, x] of Object.entries(v)) row[k] = scalar(x);
  return row;
}

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
    const factors = arr(v['factors']).map(factorText).filter((x): x is string => !!x);
    out.set(purl, { criticality, fragility, suspicion: num(v['suspicion']) ?? 0, factors });
  }
  return out;
}

const severity = (v: unknown): Severity | undefined => (SEVERITIES as readonly unknown[]).includes(v) ? (v as Severity) : undefined;

function months(v: unknown): [string, number][] {
  const out: [string, number][] = [];
  if (isObj(v)) for (const [m, n] of Object.entries(v)) { const c = num(n); if (c) out.push([m.slice(0, 7), c]); }
  for (const e of arr(v)) {
    if (Array.isArray(e)) { const c = num(e[1]); if (typeof e[0] === 'string' && c) out.push([e[0].slice(0, 7), c]); }
    else if (isObj(e)) { const m = str(first(e, 'month', 'date')); const c = num(first(e, 'commits', 'count', 'n')); if (m && c) out.push([m.slice(0, 7), c]); }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

function person(v: unknown): TimelinePerson | undefined {
  if (!isObj(v)) return undefined;
  const name = str(first(v, 'name', 'identity', 'author')) ?? str(first(v, 'email'));
  if (!name) return undefined;
  const m = months(first(v, 'months', 'activity', 'monthly'));
  const emails = arr(v['emails']).map(str).filter(Boolean);
  const p: TimelinePerson = { name, commits: num(first(v, 'commits', 'authored')) ?? m.reduce((s, x) => s + x[1], 0), months: m };
  const email = str(v['email']) ?? emails[0];
  if (email) p.email = email;
  const f = str(first(v, 'first', 'firstCommit', 'firstActivity')) ?? m[0]?.[0];
  const l = str(first(v, 'last', 'lastCommit', 'lastActivity')) ?? m[m.length - 1]?.[0];
  if (f) p.first = f;
  if (l) p.last = l;
  return p;
}

function tag(v: unknown): TimelineTag | undefined {
  if (!isObj(v)) return undefined;
  const name = str(first(v, 'name', 'tag'));
  const date = str(first(v, 'date', 'taggedAt', 'time'));
  if (!name || !date) return undefined;
  const t: TimelineTag = { name, date };
  const tagger = str(first(v, 'tagger', 'author'));
  const key = str(first(v, 'signingKey', 'key', 'signer', 'keyId'));
  if (tagger) t.tagger = tagger;
  if (key) t.signingKey = key;
  return t;
}

function flag(v: unknown): TimelineFlag | undefined {
  if (!isObj(v)) return undefined;
  const commit = str(first(v, 'commit', 'hash', 'sha'));
  const date = str(first(v, 'date', 'time'));
  if (!commit || !date) return undefined;
  const f: TimelineFlag = { commit, date, title: str(first(v, 'title', 'reason', 'message', 'rule')) ?? 'flagged commit' };
  const author = str(first(v, 'author', 'by'));
  const sev = severity(v['severity']);
  if (author) f.author = author;
  if (sev) f.severity = sev;
  return f;
}

const keep = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

export function readHistory(facts: unknown): HistoryView[] {
  if (!isObj(facts)) return [];
  const out: HistoryView[] = [];
  for (const [repo, v] of Object.entries(facts)) {
    if (!isObj(v)) continue;
    const people = keep(arr(first(v, 'people', 'contributors', 'identities')).map(person)).sort((a, b) => b.commits - a.commits);
    const tags = keep(arr(v['tags']).map(tag)).sort((a, b) => a.date.localeCompare(b.date));
    const flagged = keep(arr(first(v, 'flagged', 'flaggedCommits')).map(flag)).sort((a, b) => a.date.localeCompare(b.date));
    if (people.length === 0 && tags.length === 0 && flagged.length === 0) continue;
    const h: HistoryView = { repo: str(v['repo']) ?? repo, people, tags, flagged };
    const tf = num(v['truckFactor']);
    if (tf !== undefined) h.truckFactor = tf;
    out.push(h);
  }
  return out;
}

export function readFunding(facts: unknown): FundingView | undefined {
  if (!isObj(facts)) return undefined;
  const plan = isObj(facts['plan']) ? facts['plan'] : facts;
  const rows = keep(arr(first(plan, 'shares', 'allocations', 'recipients', 'payouts')).map(toRow));
  const unfunded = arr(first(plan, 'unfunded', 'noChannel', 'withoutChannel')).map((x) => str(isObj(x) ? first(x, 'purl', 'name') : x)).filter((x): x is string => !!x);
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
  const path = arr(first(v, 'path', 'chain')).map((x) => str(isObj(x) ? first(x, 'name', 'purl') : x)).filter((x): x is string => !!x);
  if (path.length === 0) return undefined;
  const p: PrivilegedPathView = { path };
  const root = str(first(v, 'root', 'service', 'from'));
  const reason = str(first(v, 'reason', 'why'));
  if (root) p.root = root;
  if (reason) p.reason = reason;
  return p;
}

export function readDebianPaths(facts: unknown): PrivilegedPathView[] {
  if (!isObj(facts)) return [];
  const lists = [facts['privilegedPaths'], ...Object.values(facts).map((v) => (isObj(v) ? v['privilegedPaths'] : undefined))];
  return keep(lists.flatMap(arr).map(privPath));
}

export function readAffected(facts: unknown): TableRow[] {
  if (Array.isArray(facts)) return keep(facts.map(toRow));
  if (!isObj(facts)) return [];
  const direct = first(facts, 'rows', 'table');
  if (Array.isArray(direct)) return keep(direct.map(toRow));
  const rows = Object.entries(facts).flatMap(([k, v]) => (Array.isArray(v) ? v : isObj(v) ? [{ subject: k, ...v }] : []));
  return keep(rows.map(toRow));
}
