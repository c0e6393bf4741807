/**
 * Tolerant readers for command-specific facts (shapes documented in ../view-model.ts).
 * Facts are produced by other analyzers and may be absent or partial: every reader returns an empty
 * or undefined value rather than throwing, and never trusts a field's type.
 */
import { SEVERITIES, type Finding, type Severity } from '../../core/types.js';
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

export function toRow(v: unknown, columns?: string[]): TableRow | undefined {
  if (!isObj(v)) return undefined;
  const row: TableRow = {};
  for (const [k, x] of Object.entries(v)) {
    if (columns && !columns.includes(k)) continue;
    row[k] = k === 'path' && Array.isArray(x) ? x.map(String).join(' › ') : scalar(x);
  }
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
  const p: TimelinePerson = { name, commits: num(first(v, 'commits', 'commitsAuthored', 'authored')) ?? m.reduce((s, x) => s + x[1], 0), months: m };
  const email = str(v['email']) ?? emails[0];
  if (email) p.email = email;
  const f = str(first(v, 'first', 'firstCommit', 'firstActivity')) ?? m[0]?.[0];
  const l = str(first(v, 'last', 'lastCommit', 'lastActivity')) ?? m[m.length - 1]?.[0];
  if (f) p.first = f;
  if (l) p.last = l;
  const milestones = MILESTONES.map(([key, label]) => {
    const x = v[key];
    if (!isObj(x)) return undefined;
    const what = str(first(x, 'commit', 'tag'));
    const date = str(x['date']);
    const keyId = str(x['key']);
    return what ? `${label}: ${what.length === 40 ? what.slice(0, 12) : what}${date ? ` (${date.slice(0, 10)})` : ''}${keyId ? ` key ${keyId}` : ''}` : undefined;
  }).filter((x): x is string => !!x);
  if (milestones.length) p.milestones = milestones;
  const flags = arr(v['flags']).map(str).filter((x): x is string => !!x);
  if (flags.length) p.flags = flags;
  return p;
}

const MILESTONES: [string, string][] = [['firstAuthored', 'first commit'], ['firstCommitted', 'first as committer'], ['firstTag', 'first tag'], ['firstSignedTag', 'first signed tag']];

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

/** Tags listed per person (`people[].tags`, the history analyzer's shape), tagger = that person. */
function peopleTags(people: unknown[]): TimelineTag[] {
  const byName = new Map<string, TimelineTag>();
  for (const p of people) {
    if (!isObj(p)) continue;
    const tagger = str(p['name']);
    for (const t of arr(p['tags'])) {
      const tv = tag(isObj(t) && tagger && !t['tagger'] ? { ...t, tagger } : t);
      if (tv && !byName.has(tv.name)) byName.set(tv.name, tv);
    }
  }
  return [...byName.values()];
}

/** Flagged commits from the findings on this repository (commit evidence with a date). */
function flaggedFromFindings(repoKey: string, findings: Finding[], people: TimelinePerson[]): TimelineFlag[] {
  const out: TimelineFlag[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.suppressed || (f.subject !== repoKey && !f.subject.startsWith(`${repoKey}@`))) continue;
    const ev = f.evidence.find((e) => e.commit && e.date);
    if (!ev?.commit || !ev.date || seen.has(`${ev.commit}|${f.rule}`)) continue;
    seen.add(`${ev.commit}|${f.rule}`);
    const owners = people.filter((p) => p.flags?.includes(f.rule));
    out.push({ commit: ev.commit, date: ev.date, title: f.title, severity: f.severity, ...(owners.length === 1 ? { author: owners[0]!.name } : {}) });
  }
  return out;
}

export function readHistory(facts: unknown, findings: Finding[] = []): HistoryView[] {
  if (!isObj(facts)) return [];
  const out: HistoryView[] = [];
  for (const [repo, v] of Object.entries(facts)) {
    if (!isObj(v)) continue;
    const rawPeople = arr(first(v, 'people', 'contributors', 'identities'));
    const people = keep(rawPeople.map(person)).sort((a, b) => b.commits - a.commits);
    const tags = keep(Array.isArray(v['tags']) ? v['tags'].map(tag) : peopleTags(rawPeople)).sort((a, b) => a.date.localeCompare(b.date));
    const listed = first(v, 'flagged', 'flaggedCommits');
    const flagged = (Array.isArray(listed) ? keep(listed.map(flag)) : flaggedFromFindings(repo, findings, people)).sort((a, b) => a.date.localeCompare(b.date));
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
  const rows = keep(arr(first(plan, 'shares', 'allocations', 'recipients', 'payouts')).map((x) => toRow(x)));
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
  if (Array.isArray(v['libraries'])) return undefined; // expanded by servicePaths()
  const path = arr(first(v, 'path', 'chain')).map((x) => str(isObj(x) ? first(x, 'name', 'purl') : x)).filter((x): x is string => !!x);
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
  return keep(v['libraries'].map((l) => {
    if (!isObj(l)) return undefined;
    const path = arr(l['path']).map(str).filter((x): x is string => !!x);
    if (path.length === 0) return undefined;
    return { path, ...(root ? { root } : {}), ...(why ? { reason: why } : {}) };
  }));
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
const AFFECTED_COLUMNS = ['target', 'package', 'version', 'matchedAs', 'advisory', 'severity', 'malicious', 'path', 'recommended', 'fix', 'note'];

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
