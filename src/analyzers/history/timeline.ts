/**
 * Per-person facts for reports: identities, activity span, counts, tags with signing keys, areas
 * touched, and per-month commit counts for a contributor timeline chart.
 */
import type { Finding } from '../../core/types.js';
import { iso } from './signals/context.js';
import type { HistoryModel, PersonActivity } from './model.js';
import * as P from './paths.js';

export interface PersonFacts {
  id: string;
  name: string;
  emails: string[];
  names: string[];
  bot: boolean;
  firstActivity?: string;
  lastActivity?: string;
  firstAuthored?: { commit: string; date?: string };
  firstCommitted?: { commit: string; date?: string };
  firstTag?: { tag: string; date?: string };
  firstSignedTag?: { tag: string; date?: string; key?: string };
  /** First change to a release, security, contact, CI or fuzzing file. */
  firstPolicyChange?: { commit: string; date?: string; file: string };
  commitsAuthored: number;
  commitsCommitted: number;
  tags: { name: string; date?: string; signed: boolean; key?: string }[];
  filesTouched: number;
  /** Top-level directories touched, most first. */
  areas: { area: string; files: number }[];
  /** Authored commits per month (`YYYY-MM`). */
  months: Record<string, number>;
  /** Rules of medium-or-higher findings that name this person's commits. */
  flags: string[];
}

const MAX_PEOPLE = 200;

export function personFacts(model: HistoryModel, findings: Finding[]): PersonFacts[] {
  const flagsByCommit = new Map<string, Set<string>>();
  // Only suspicious-looking findings flag a person; info/low records are context, not suspicion.
  const flagging = findings.filter((f) => f.severity === 'medium' || f.severity === 'high' || f.severity === 'critical');
  for (const f of flagging)
    for (const e of f.evidence)
      if (e.commit && e.kind === 'commit') {
        const s = flagsByCommit.get(e.commit) ?? new Set();
        s.add(f.rule);
        flagsByCommit.set(e.commit, s);
      }
  const flagsByPerson = new Map<string, Set<string>>();
  for (const rc of model.commits) {
    const fl = flagsByCommit.get(rc.commit.hash);
    if (!fl) continue;
    const s = flagsByPerson.get(rc.author) ?? new Set();
    for (const r of fl) s.add(r);
    flagsByPerson.set(rc.author, s);
  }
  const firstPolicy = new Map<string, { commit: string; date?: string; file: string }>();
  for (const rc of model.commits) {
    if (firstPolicy.has(rc.author)) continue;
    const f = rc.commit.files.find(
      (x) => P.isSecurityPolicy(x.path) || P.isContactFile(x.path) || P.isCiConfig(x.path) || P.isFuzzConfig(x.path),
    );
    if (f) firstPolicy.set(rc.author, { commit: rc.commit.hash, date: iso(rc.commit.author.time), file: f.path });
  }
  const ranked = [...model.activity.values()].sort((a, b) => b.authored + b.tags.length - (a.authored + a.tags.length));
  const keep = ranked.filter((a, i) => i < MAX_PEOPLE || flagsByPerson.has(a.person.id) || a.tags.length > 0);
  return keep.map((a) => {
    const pf = toFacts(a, [...(flagsByPerson.get(a.person.id) ?? [])]);
    const fp = firstPolicy.get(a.person.id);
    return fp ? { ...pf, firstPolicyChange: fp } : pf;
  });
}

function toFacts(a: PersonActivity, flags: string[]): PersonFacts {
  const areas = new Map<string, number>();
  for (const f of a.files) {
    const top = f.includes('/') ? f.slice(0, f.indexOf('/')) : '.';
    areas.set(top, (areas.get(top) ?? 0) + 1);
  }
  const key = (s?: { fingerprint?: string; keyId?: string }) => s?.fingerprint ?? s?.keyId;
  return {
    id: a.person.id,
    name: a.person.name,
    emails: a.person.emails,
    names: a.person.names,
    bot: a.person.bot,
    firstActivity: iso(a.firstActivity),
    lastActivity: iso(a.lastActivity),
    ...(a.firstAuthored ? { firstAuthored: { commit: a.firstAuthored.commit.hash, date: iso(a.firstAuthored.commit.author.time) } } : {}),
    ...(a.firstCommitted
      ? { firstCommitted: { commit: a.firstCommitted.commit.hash, date: iso(a.firstCommitted.commit.committer.time) } }
      : {}),
    ...(a.firstTag ? { firstTag: { tag: a.firstTag.tag.name, date: iso(a.firstTag.time) } } : {}),
    ...(a.firstSignedTag
      ? { firstSignedTag: { tag: a.firstSignedTag.tag.name, date: iso(a.firstSignedTag.time), key: key(a.firstSignedTag.tag.signature) } }
      : {}),
    commitsAuthored: a.authored,
    commitsCommitted: a.committed,
    tags: a.tags.slice(0, 500).map((t) => ({
      name: t.tag.name,
      date: iso(t.time),
      signed: !!t.tag.signature,
      ...(key(t.tag.signature) ? { key: key(t.tag.signature) } : {}),
    })),
    filesTouched: a.files.size,
    areas: [...areas]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 8)
      .map(([area, files]) => ({ area, files })),
    months: Object.fromEntries([...a.months].sort(([x], [y]) => x.localeCompare(y))),
    flags: flags.sort(),
  };
}
