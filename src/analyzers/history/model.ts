/** The merged view every history check reads: commits and tags resolved to people, with tenure. */
import type { GitCommit, GitTag } from '../../sources/git/types.js';
import { identityKey, mergeIdentities, type IdentityIndex, type Person } from './identities.js';

export interface ResolvedCommit {
  commit: GitCommit;
  author: string;
  committer: string;
  /** Author pushed it themselves (committer is the same person, not a web UI or bot). */
  selfCommitted: boolean;
}

export interface ResolvedTag {
  tag: GitTag;
  tagger?: string;
  time?: number;
}

export interface PersonActivity {
  person: Person;
  firstActivity: number;
  lastActivity: number;
  firstAuthored?: ResolvedCommit;
  /** First commit this person committed for someone else, or pushed themselves. */
  firstCommitted?: ResolvedCommit;
  firstTag?: ResolvedTag;
  firstSignedTag?: ResolvedTag;
  authored: number;
  committed: number;
  tags: ResolvedTag[];
  /** Authored commits per `YYYY-MM`. */
  months: Map<string, number>;
  files: Set<string>;
}

export interface HistoryModel {
  commits: ResolvedCommit[];
  tags: ResolvedTag[];
  identities: IdentityIndex;
  activity: Map<string, PersonActivity>;
  /**
   * When the first commit entered the analyzed range: its committer time. An author time can be
   * years older (a patch written long before it was committed: zlib's 2010 patch committed in 2013
   * on a history that starts in 2011), and must not make the founders look like late arrivals.
   */
  start: number;
  end: number;
}

export const DAY = 86_400;
export const month = (t: number): string => new Date(t * 1000).toISOString().slice(0, 7);

/** `before`: first-seen times of raw identities over the whole history (when a --since window hides them). */
export function buildModel(
  commits: GitCommit[],
  tags: GitTag[],
  mailmap?: string,
  before?: { firstSeen: Map<string, number>; start: number },
): HistoryModel {
  const raw = new Map<string, { name: string; email: string; count: number }>();
  const see = (name: string, email: string) => {
    const k = identityKey(name, email);
    const e = raw.get(k);
    if (e) e.count++;
    else raw.set(k, { name, email, count: 1 });
  };
  for (const c of commits) {
    see(c.author.name, c.author.email);
    see(c.committer.name, c.committer.email);
  }
  for (const t of tags) if (t.tagger) see(t.tagger.name, t.tagger.email);
  const identities = mergeIdentities(raw, mailmap);

  const activity = new Map<string, PersonActivity>();
  const act = (id: string, t: number): PersonActivity => {
    let a = activity.get(id);
    if (!a) {
      const person = identities.people.get(id) ?? { id, name: id, names: [], emails: [], bot: false };
      a = { person, firstActivity: t, lastActivity: t, authored: 0, committed: 0, tags: [], months: new Map(), files: new Set() };
      activity.set(id, a);
    }
    if (t && t < a.firstActivity) a.firstActivity = t;
    if (t > a.lastActivity) a.lastActivity = t;
    return a;
  };
  const resolved: ResolvedCommit[] = [];
  for (const c of commits) {
    const author = identities.personOf(c.author.name, c.author.email);
    const committer = identities.personOf(c.committer.name, c.committer.email);
    const cp = identities.people.get(committer);
    const rc: ResolvedCommit = { commit: c, author, committer, selfCommitted: author === committer && !cp?.bot };
    resolved.push(rc);
    const a = act(author, c.author.time);
    a.authored++;
    a.firstAuthored ??= rc;
    const m = month(c.author.time);
    a.months.set(m, (a.months.get(m) ?? 0) + 1);
    if (a.files.size < 20_000) for (const f of c.files) a.files.add(f.path);
    const k = act(committer, c.committer.time);
    k.committed++;
    if (!cp?.bot) k.firstCommitted ??= rc;
  }
  const rtags: ResolvedTag[] = [];
  for (const t of tags) {
    const tagger = t.tagger ? identities.personOf(t.tagger.name, t.tagger.email) : undefined;
    const rt: ResolvedTag = { tag: t, tagger, time: t.tagger?.time };
    rtags.push(rt);
    if (!tagger || !t.tagger) continue;
    const a = act(tagger, t.tagger.time);
    a.tags.push(rt);
    if (!a.firstTag || (rt.time ?? 0) < (a.firstTag.time ?? 0)) a.firstTag = rt;
    if (t.signature && (!a.firstSignedTag || (rt.time ?? 0) < (a.firstSignedTag.time ?? 0))) a.firstSignedTag = rt;
  }
  rtags.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  for (const a of activity.values()) a.tags.sort((x, y) => (x.time ?? 0) - (y.time ?? 0));
  let start = Number.POSITIVE_INFINITY;
  let end = 0;
  for (const c of commits) {
    if (c.committer.time > 0 && c.committer.time < start) start = c.committer.time;
    if (c.committer.time > end) end = c.committer.time;
  }
  for (const t of rtags) if ((t.time ?? 0) > end) end = t.time ?? 0;
  if (before) {
    if (before.start && before.start < start) start = before.start;
    for (const [key, t] of before.firstSeen) {
      const [name, email] = key.split('\n') as [string, string];
      const a = activity.get(identities.personOf(name, email));
      if (a && t < a.firstActivity) a.firstActivity = t;
    }
  }
  return { commits: resolved, tags: rtags, identities, activity, start: Number.isFinite(start) ? start : 0, end };
}

/**
 * Newcomer at time `t`: joined after the project's first year and active for less than
 * max(2 years, 20% of the project's age), capped at 5 years.
 */
export function isNewcomer(model: HistoryModel, personId: string, t: number): boolean {
  const a = model.activity.get(personId);
  if (!a) return true;
  // Founders (active in the project's first year) are never newcomers.
  if (a.firstActivity - model.start < 365 * DAY) return false;
  const projectAge = Math.max(0, t - model.start);
  const window = Math.min(5 * 365 * DAY, Math.max(2 * 365 * DAY, 0.2 * projectAge));
  return t - a.firstActivity < window;
}

export function tenureDays(model: HistoryModel, personId: string, t: number): number {
  const a = model.activity.get(personId);
  return a ? Math.max(0, Math.round((t - a.firstActivity) / DAY)) : 0;
}
