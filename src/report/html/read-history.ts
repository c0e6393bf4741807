/** Reader for `facts.history[repo]` (shape documented in ../view-model.ts). */
import { readHistoryFacts } from '../../analyzers/history/facts.js';
import { SEVERITIES, type Finding, type Severity } from '../../core/types.js';
import type { HistoryView, TimelineFlag, TimelinePerson, TimelineTag } from '../view-types.js';
import { arr, first, isObj, keep, num, str } from './fact-helpers.js';

const severity = (v: unknown): Severity | undefined => ((SEVERITIES as readonly unknown[]).includes(v) ? (v as Severity) : undefined);

function months(v: unknown): [string, number][] {
  const out: [string, number][] = [];
  if (isObj(v))
    for (const [m, n] of Object.entries(v)) {
      const c = num(n);
      if (c) out.push([m.slice(0, 7), c]);
    }
  for (const e of arr(v)) {
    if (Array.isArray(e)) {
      const c = num(e[1]);
      if (typeof e[0] === 'string' && c) out.push([e[0].slice(0, 7), c]);
    } else if (isObj(e)) {
      const m = str(first(e, 'month', 'date'));
      const c = num(first(e, 'commits', 'count', 'n'));
      if (m && c) out.push([m.slice(0, 7), c]);
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

function person(v: unknown): TimelinePerson | undefined {
  if (!isObj(v)) return undefined;
  const name = str(first(v, 'name', 'identity', 'author')) ?? str(first(v, 'email'));
  if (!name) return undefined;
  const m = months(first(v, 'months', 'activity', 'monthly'));
  const emails = arr(v['emails']).map(str).filter(Boolean);
  const p: TimelinePerson = {
    name,
    commits: num(first(v, 'commits', 'commitsAuthored', 'authored')) ?? m.reduce((s, x) => s + x[1], 0),
    months: m,
  };
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
    return what
      ? `${label}: ${what.length === 40 ? what.slice(0, 12) : what}${date ? ` (${date.slice(0, 10)})` : ''}${keyId ? ` key ${keyId}` : ''}`
      : undefined;
  }).filter((x): x is string => !!x);
  if (milestones.length) p.milestones = milestones;
  const flags = arr(v['flags'])
    .map(str)
    .filter((x): x is string => !!x);
  if (flags.length) p.flags = flags;
  return p;
}

const MILESTONES: [string, string][] = [
  ['firstAuthored', 'first commit'],
  ['firstCommitted', 'first as committer'],
  ['firstTag', 'first tag'],
  ['firstSignedTag', 'first signed tag'],
];

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
    out.push({
      commit: ev.commit,
      date: ev.date,
      title: f.title,
      severity: f.severity,
      ...(owners.length === 1 ? { author: owners[0]!.name } : {}),
    });
  }
  return out;
}

export function readHistory(facts: unknown, findings: Finding[] = []): HistoryView[] {
  if (!isObj(facts)) return [];
  const typed = readHistoryFacts(facts);
  const out: HistoryView[] = [];
  for (const [repo, v] of Object.entries(facts)) {
    if (!isObj(v)) continue;
    const rawPeople = arr(first(v, 'people', 'contributors', 'identities'));
    const people = keep(rawPeople.map(person)).sort((a, b) => b.commits - a.commits);
    const tags = keep(Array.isArray(v['tags']) ? v['tags'].map(tag) : peopleTags(rawPeople)).sort((a, b) => a.date.localeCompare(b.date));
    const listed = first(v, 'flagged', 'flaggedCommits');
    const flagged = (Array.isArray(listed) ? keep(listed.map(flag)) : flaggedFromFindings(repo, findings, people)).sort((a, b) =>
      a.date.localeCompare(b.date),
    );
    if (people.length === 0 && tags.length === 0 && flagged.length === 0) continue;
    const h: HistoryView = { repo: str(v['repo']) ?? repo, people, tags, flagged };
    const tf = typed.get(repo)?.truckFactor?.value ?? num(v['truckFactor']);
    if (tf !== undefined) h.truckFactor = tf;
    out.push(h);
  }
  return out;
}
