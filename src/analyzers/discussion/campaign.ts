/**
 * The campaign shape: several identities with no prior history in the archive and no code, appearing
 * within a short window, pushing the same demand at the maintainer (often in the same threads), then
 * going silent. Clusters are scored from explainable features; the score decides the severity.
 */
import type { Severity } from '../../core/types.js';
import { DAY, isNewcomerAt, type AnalysisContext, type Item } from './context.js';
import type { Category } from './lexicon.js';

export interface CampaignEvent {
  date?: string;
  identity: string;
  messageId: string;
  subject: string;
  kind: 'pressure' | 'burnout' | 'endorsement';
  categories: Category[];
  excerpt: string;
  line?: number;
  /** Strongest phrase weight of this kind in the message (1..3). */
  weight: number;
}

export interface Campaign {
  id: string;
  score: number;
  severity: Severity;
  start: string;
  end: string;
  members: string[];
  threads: string[];
  /** Each scored feature with its points, for the explanation. */
  features: { name: string; points: number; detail: string }[];
  timeline: CampaignEvent[];
  /** Identities named in endorsement messages in the campaign's threads or window. */
  endorsed: string[];
}

const LINK_GAP = 120 * DAY;
const STRONG: Category[] = ['handover', 'abandonment', 'denigration'];

interface Cand {
  id: string;
  items: Item[];
  first: number;
  last: number;
  threads: Set<string>;
  cats: Set<Category>;
}

export function pressureItems(ctx: AnalysisContext, id: string): Item[] {
  return (ctx.byIdentity.get(id) ?? []).filter((x) => x.sig.pressure >= 2 && Number.isFinite(x.t));
}

export function candidates(ctx: AnalysisContext): Cand[] {
  const out: Cand[] = [];
  for (const [id, ident] of ctx.identities) {
    if (ctx.maintainers.has(id) || ident.contributedCode === true) continue;
    const items = pressureItems(ctx, id);
    if (items.length === 0 || !isNewcomerAt(ctx, id, items[0]!.t)) continue;
    const cats = new Set<Category>();
    for (const it of items) for (const c of it.sig.categories) cats.add(c);
    out.push({
      id,
      items,
      first: items[0]!.t,
      last: items[items.length - 1]!.t,
      threads: new Set(items.map((x) => x.msg.threadKey ?? x.msg.id)),
      cats,
    });
  }
  return out.sort((a, b) => a.first - b.first);
}

const iso = (t: number): string => new Date(t).toISOString();
const strong = (c: Cand): boolean => STRONG.some((k) => c.cats.has(k));

function linked(a: Cand, b: Cand): boolean {
  const gap = Math.max(a.first, b.first) - Math.min(a.last, b.last);
  if (gap > LINK_GAP) return false;
  const shared = [...a.threads].some((t) => b.threads.has(t));
  return shared || (strong(a) && strong(b));
}

export function findCampaigns(ctx: AnalysisContext): Campaign[] {
  const cands = candidates(ctx);
  const group = cands.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i]!)));
  for (let i = 0; i < cands.length; i++)
    for (let j = i + 1; j < cands.length; j++) if (linked(cands[i]!, cands[j]!)) group[root(j)] = root(i);
  const clusters = new Map<number, Cand[]>();
  cands.forEach((c, i) => (clusters.get(root(i)) ?? clusters.set(root(i), []).get(root(i))!).push(c));
  const out: Campaign[] = [];
  for (const members of clusters.values()) if (members.length >= 2) out.push(score(ctx, members));
  return out.sort((a, b) => b.score - a.score);
}

function score(ctx: AnalysisContext, members: Cand[]): Campaign {
  const start = Math.min(...members.map((m) => m.first));
  const end = Math.max(...members.map((m) => m.last));
  const features: Campaign['features'] = [];
  const add = (name: string, points: number, detail: string): void => {
    features.push({ name, points, detail });
  };
  const names = members.map((m) => ctx.identities.get(m.id)?.names[0] ?? m.id);
  add(
    'new-identities',
    25 + 15 * (members.length - 1),
    `${members.length} identities with no earlier messages in an archive that starts ${Math.round((start - ctx.archiveStart) / DAY)} days before: ${names.join(', ')}`,
  );

  const threadCount = new Map<string, number>();
  for (const m of members) for (const t of m.threads) threadCount.set(t, (threadCount.get(t) ?? 0) + 1);
  const shared = [...threadCount].filter(([, n]) => n >= 2).map(([t]) => t);
  if (shared.length)
    add('same-threads', 15, `${shared.length} thread(s) where several of them pressed: ${shared.map((t) => subjectOf(ctx, t)).join('; ')}`);
  const engaged = [...threadCount.keys()].filter((t) => (ctx.byThread.get(t) ?? []).some((x) => ctx.maintainers.has(x.identity)));
  if (engaged.length) add('aimed-at-maintainer', 10, `the maintainer took part in ${engaged.length} of the threads where they pressed`);
  const pressedThreads = new Set(ctx.items.filter((x) => x.sig.pressure >= 2).map((x) => x.msg.threadKey ?? x.msg.id));
  const focused = members.filter((m) => {
    const own = ctx.byIdentity.get(m.id) ?? [];
    return own.filter((x) => pressedThreads.has(x.msg.threadKey ?? x.msg.id)).length >= 0.8 * own.length;
  });
  if (focused.length === members.length)
    add('only-in-pressure-threads', 5, 'they wrote (almost) only in threads where the maintainer was pressed');
  const handover = members.filter((m) => m.cats.has('handover')).length;
  if (handover) add('handover-demand', 10, `${handover} of them asked for the maintainer to be changed or the project handed over`);
  const strongN = members.filter(strong).length;
  if (strongN >= 2) add('same-demand', 5, `${strongN} of them pushed the same kind of demand (handover, abandonment, blame)`);

  // Silence: the next message of each member after their last demand (any thread), if any.
  const gaps = members.map((m) => {
    const next = (ctx.byIdentity.get(m.id) ?? []).find((x) => Number.isFinite(x.t) && x.t > m.last + 30 * DAY);
    return (next ? next.t : ctx.archiveEnd) - m.last;
  });
  const minGap = Math.min(...gaps);
  if (minGap >= 180 * DAY)
    add(
      'then-silent',
      10,
      `all of them went silent afterwards: none wrote again for at least ${Math.round(minGap / DAY)} days after their last demand`,
    );
  if (members.every((m) => ctx.identities.get(m.id)?.contributedCode === false))
    add('no-code', 10, 'none of them ever contributed code (checked against the repository / platform roles / patches sent)');

  const threadSet = new Set([...threadCount.keys()]);
  const inScope = (x: Item, before: number, after: number): boolean =>
    threadSet.has(x.msg.threadKey ?? x.msg.id) || (x.t >= start - before && x.t <= end + after);
  const burnout = ctx.items.filter((x) => ctx.maintainers.has(x.identity) && x.sig.categories.has('burnout') && inScope(x, 0, 60 * DAY));
  if (burnout.length)
    add('maintainer-burnout', 10, `the maintainer answered with ${burnout.length} statement(s) of exhaustion or limited time`);
  const endorse = ctx.items.filter((x) => x.sig.categories.has('endorsement') && inScope(x, 90 * DAY, 180 * DAY));
  const endorsed = endorsedIdentities(ctx, endorse);
  if (endorse.length)
    add(
      'newcomer-endorsed',
      10,
      `${endorse.length} message(s) in the same threads or window urged a bigger role for ${endorsed.map((e) => ctx.identities.get(e)?.names[0] ?? e).join(', ') || 'a specific person'}`,
    );

  const young = members.filter((m) => {
    const a = ctx.identities.get(m.id)?.accountAgeDays;
    return a !== undefined && a < 90;
  });
  if (young.length)
    add('young-accounts', Math.min(10, 5 * young.length), `${young.length} of them wrote from accounts created less than 90 days earlier`);
  for (const f of fingerprints(ctx, members)) add('fingerprint', 5, f);

  const points = features.reduce((a, f) => a + f.points, 0);
  // Many users asking "is this dead?" is ordinary; high needs a handover demand or a favoured newcomer.
  const aimed = handover > 0 || endorse.length > 0;
  const severity: Severity = points >= 80 && aimed ? 'high' : points >= 60 ? 'medium' : 'low';
  const timeline: CampaignEvent[] = [];
  const ev = (x: Item, kind: CampaignEvent['kind'], cats: Category[]): void => {
    const mine = x.sig.hits.filter((h) => cats.includes(h.category)).sort((a, b) => b.weight - a.weight);
    const hit = mine[0];
    const e: CampaignEvent = {
      identity: x.identity,
      messageId: x.msg.id,
      subject: x.msg.subject,
      kind,
      weight: hit?.weight ?? 0,
      categories: [...new Set(x.sig.hits.filter((h) => cats.includes(h.category)).map((h) => h.category))],
      excerpt: hit?.excerpt ?? '',
    };
    if (x.msg.date) e.date = x.msg.date;
    if (hit) e.line = hit.line;
    timeline.push(e);
  };
  for (const m of members) for (const x of m.items) ev(x, 'pressure', ['handover', 'abandonment', 'pace', 'denigration']);
  for (const x of burnout) ev(x, 'burnout', ['burnout']);
  for (const x of endorse) ev(x, 'endorsement', ['endorsement']);
  timeline.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  return {
    id: `campaign-${iso(start).slice(0, 10)}-${members
      .map((m) => m.id)
      .sort()
      .join('+')
      .slice(0, 80)}`,
    score: points,
    severity,
    start: iso(start),
    end: iso(end),
    members: members.map((m) => m.id),
    threads: [...threadSet],
    features,
    timeline,
    endorsed,
  };
}

function subjectOf(ctx: AnalysisContext, thread: string): string {
  const s = ctx.byThread.get(thread)?.find((x) => x.msg.subject)?.msg.subject ?? thread;
  return `"${s.slice(0, 80)}"`;
}

/**
 * Identities (other than the writer and the maintainers) named in the writer's own text of
 * endorsement messages: by full name, or by first name when that person is in the same thread.
 */
export function endorsedIdentities(ctx: AnalysisContext, items: Item[]): string[] {
  const firstNames = firstNameIndex(ctx);
  const out = new Set<string>();
  for (const x of items) {
    const text = x.sig.hits
      .filter((h) => h.category === 'endorsement')
      .map((h) => h.context)
      .join(' ');
    const thread = new Set((ctx.byThread.get(x.msg.threadKey ?? x.msg.id) ?? []).map((y) => y.identity));
    for (const [id, ident] of ctx.identities) {
      if (id === x.identity || ctx.maintainers.has(id)) continue;
      for (const n of ident.names) {
        const full = n
          .toLowerCase()
          .replace(/\s+via\s+\S+$/, '')
          .trim();
        const first = (full.split(' ')[0] ?? '').replace(/[^a-z0-9]/g, '');
        if (full.length >= 5 && full.includes(' ') && text.includes(full)) out.add(id);
        else if (
          first.length >= 3 &&
          full.includes(' ') &&
          (thread.has(id) || firstNames.get(first) === 1) &&
          new RegExp(`\\b${first}\\b`).test(text)
        )
          out.add(id);
      }
    }
  }
  return [...out];
}

const firstNameCache = new WeakMap<AnalysisContext, Map<string, number>>();
/** How many identities carry each first name: a first name alone identifies a person only when unique. */
function firstNameIndex(ctx: AnalysisContext): Map<string, number> {
  let m = firstNameCache.get(ctx);
  if (m) return m;
  m = new Map();
  for (const ident of ctx.identities.values()) {
    const firsts = new Set(ident.names.map((n) => (n.toLowerCase().split(' ')[0] ?? '').replace(/[^a-z0-9]/g, '')).filter(Boolean));
    for (const f of firsts) m.set(f, (m.get(f) ?? 0) + 1);
  }
  firstNameCache.set(ctx, m);
  return m;
}

/** Coordination fingerprints shared by two or more members: rare Message-ID domain, mailer, zone, phrasing. */
function fingerprints(ctx: AnalysisContext, members: Cand[]): string[] {
  const out: string[] = [];
  const domainUsers = new Map<string, Set<string>>();
  for (const it of ctx.items) {
    const d = /@([^@>]+)$/.exec(it.msg.id)?.[1]?.toLowerCase();
    if (d && !it.msg.syntheticId) (domainUsers.get(d) ?? domainUsers.set(d, new Set()).get(d)!).add(it.identity);
  }
  const per = (f: (x: Item) => string | undefined): Map<string, Set<string>> => {
    const m = new Map<string, Set<string>>();
    for (const c of members)
      for (const x of ctx.byIdentity.get(c.id) ?? []) {
        const v = f(x);
        if (v) (m.get(v) ?? m.set(v, new Set()).get(v)!).add(c.id);
      }
    return m;
  };
  const total = ctx.identities.size;
  for (const [d, ids] of per((x) => (x.msg.syntheticId ? undefined : /@([^@>]+)$/.exec(x.msg.id)?.[1]?.toLowerCase()))) {
    const share = (domainUsers.get(d)?.size ?? 0) / total;
    if (ids.size >= 2 && share < 0.1)
      out.push(
        `${ids.size} of them send from the same Message-ID domain ${d}, used by ${(share * 100).toFixed(1)}% of the archive's identities`,
      );
  }
  const tzUsers = new Map<number, Set<string>>();
  for (const it of ctx.items)
    if (it.msg.tzOffset !== undefined)
      (tzUsers.get(it.msg.tzOffset) ?? tzUsers.set(it.msg.tzOffset, new Set()).get(it.msg.tzOffset)!).add(it.identity);
  for (const [tz, ids] of per((x) => (x.msg.tzOffset === undefined ? undefined : String(x.msg.tzOffset)))) {
    const share = (tzUsers.get(Number(tz))?.size ?? 0) / total;
    if (ids.size >= 2 && share < 0.05)
      out.push(
        `${ids.size} of them write from the same time-zone offset ${fmtTz(Number(tz))}, used by ${(share * 100).toFixed(1)}% of the archive's identities`,
      );
  }
  for (const [mailer, ids] of per((x) => x.msg.mailer))
    if (ids.size >= 2) out.push(`${ids.size} of them use the same mail client "${mailer.slice(0, 60)}"`);
  const texts = members.map((c) => shingles(c.items.map((x) => x.sig.ownText).join(' ')));
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const sim = jaccard(texts[i]!, texts[j]!);
      if (sim >= 0.08)
        out.push(
          `similar phrasing between ${ctx.identities.get(members[i]!.id)?.names[0]} and ${ctx.identities.get(members[j]!.id)?.names[0]} (word-trigram overlap ${(sim * 100).toFixed(0)}%)`,
        );
    }
  return out.slice(0, 4);
}

function fmtTz(min: number): string {
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

function shingles(t: string): Set<string> {
  const w = t.split(/[^a-z0-9']+/).filter(Boolean);
  const s = new Set<string>();
  for (let i = 0; i + 2 < w.length && s.size < 2000; i++) s.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return s;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
