/**
 * CHAOSS-style fragility metrics over authored, non-bot commits:
 * - contributor absence factor: fewest people whose commits make up 50% of all commits;
 * - elephant factor: the same over organizations (e-mail domains; a personal free-mail address
 *   counts as its own organization);
 * - yearly commits and share of the top maintainer, and whether that activity is in long decline.
 */
import { DAY, type HistoryModel } from './model.js';

export interface FragilityFacts {
  absenceFactor: number;
  absenceFactorLastYear: number;
  elephantFactor: number;
  topOrganizations: { org: string; commits: number }[];
  topMaintainer?: {
    person: string;
    name: string;
    share: number;
    /** Commits per calendar year and the share of all commits that year. */
    years: { year: number; commits: number; share: number }[];
    /** Set when the last two years run far below the maintainer's peak year while they are still the top recent author. */
    decline?: { peakYear: number; peakCommits: number; lastTwoYears: number };
    /**
     * A past burn-out: years (≥ 2 in a row) in which they committed under 35% of their earlier peak
     * while still authoring ≥ 60% of the project's commits — nobody else carried the project. The
     * latest such run; set when there is no ongoing `decline`.
     */
    pastDecline?: { peakYear: number; peakCommits: number; from: number; to: number; commits: number; share: number };
  };
  /** Share of the top person over the last three years of history. */
  recentTopShare: { person: string; name: string; share: number; commits: number } | undefined;
}

const FREEMAIL =
  /^(gmail|googlemail|yahoo|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail|pm|gmx|web|mail|yandex|qq|163|126|fastmail|zoho|users\.noreply\.github|users\.sourceforge|posteo|tutanota|hey)\./i;

function minCover(counts: number[]): number {
  const sorted = [...counts].sort((a, b) => b - a);
  const total = sorted.reduce((s, n) => s + n, 0);
  let acc = 0;
  for (let i = 0; i < sorted.length; i++) {
    acc += sorted[i]!;
    if (acc * 2 >= total) return i + 1;
  }
  return 0;
}

export function orgOf(email: string, personId: string): string {
  const domain = email.toLowerCase().split('@')[1] ?? '';
  if (!domain || FREEMAIL.test(domain) || domain.endsWith('.local') || !domain.includes('.')) return `individual:${personId}`;
  return domain.split('.').slice(-2).join('.');
}

export function fragility(model: HistoryModel): FragilityFacts {
  const human = model.commits.filter((rc) => !model.activity.get(rc.author)?.person.bot);
  const byPerson = new Map<string, number>();
  const recentByPerson = new Map<string, number>();
  const lastYearByPerson = new Map<string, number>();
  const byOrg = new Map<string, number>();
  const yearly = new Map<number, Map<string, number>>();
  const recentStart = model.end - 3 * 365 * DAY;
  const lastYearStart = model.end - 365 * DAY;
  for (const rc of human) {
    const t = rc.commit.author.time;
    byPerson.set(rc.author, (byPerson.get(rc.author) ?? 0) + 1);
    if (t >= recentStart) recentByPerson.set(rc.author, (recentByPerson.get(rc.author) ?? 0) + 1);
    if (t >= lastYearStart) lastYearByPerson.set(rc.author, (lastYearByPerson.get(rc.author) ?? 0) + 1);
    const org = orgOf(rc.commit.author.email, rc.author);
    byOrg.set(org, (byOrg.get(org) ?? 0) + 1);
    const y = new Date(t * 1000).getUTCFullYear();
    let ym = yearly.get(y);
    if (!ym) yearly.set(y, (ym = new Map()));
    ym.set(rc.author, (ym.get(rc.author) ?? 0) + 1);
  }
  const top = [...byPerson].sort((a, b) => b[1] - a[1])[0];
  const recentTop = [...recentByPerson].sort((a, b) => b[1] - a[1])[0];
  const recentTotal = [...recentByPerson.values()].reduce((s, n) => s + n, 0);
  const facts: FragilityFacts = {
    absenceFactor: minCover([...byPerson.values()]),
    absenceFactorLastYear: minCover([...lastYearByPerson.values()]),
    elephantFactor: minCover([...byOrg.values()]),
    topOrganizations: [...byOrg]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([org, commits]) => ({ org, commits })),
    recentTopShare:
      recentTop && recentTotal
        ? { person: recentTop[0], name: nameOf(model, recentTop[0]), share: round(recentTop[1] / recentTotal), commits: recentTotal }
        : undefined,
  };
  if (top) {
    const years = [...yearly.keys()].sort((a, b) => a - b);
    const first = years[0]!;
    const last = new Date(model.end * 1000).getUTCFullYear();
    const series: { year: number; commits: number; share: number }[] = [];
    for (let y = first; y <= last; y++) {
      const ym = yearly.get(y);
      const all = ym ? [...ym.values()].reduce((s, n) => s + n, 0) : 0;
      const mine = ym?.get(top[0]) ?? 0;
      series.push({ year: y, commits: mine, share: all ? round(mine / all) : 0 });
    }
    facts.topMaintainer = { person: top[0], name: nameOf(model, top[0]), share: round(top[1] / human.length), years: series };
    const peak = series.reduce((p, s) => (s.commits > p.commits ? s : p), series[0]!);
    const lastTwo = series.slice(-2);
    const lastTwoSum = lastTwo.reduce((s, x) => s + x.commits, 0);
    // Burn-out matters while the project still leans on this person (still the top recent author).
    const stillCarries = facts.recentTopShare?.person === top[0];
    if (
      stillCarries &&
      series.length >= 5 &&
      peak.commits >= 30 &&
      peak.year < last - 2 &&
      lastTwo.every((x) => x.commits < peak.commits * 0.35)
    ) {
      facts.topMaintainer.decline = { peakYear: peak.year, peakCommits: peak.commits, lastTwoYears: lastTwoSum };
    } else {
      const past = pastDecline(series);
      if (past) facts.topMaintainer.pastDecline = past;
    }
  }
  return facts;
}

const MIN_PEAK = 30;
const LOW_SHARE_OF_PEAK = 0.35;
const STILL_CARRIES = 0.6;

/** The latest run of ≥ 2 low years while still carrying the project (see FragilityFacts). */
export function pastDecline(
  series: { year: number; commits: number; share: number }[],
): NonNullable<NonNullable<FragilityFacts['topMaintainer']>['pastDecline']> | undefined {
  let best: ReturnType<typeof pastDecline>;
  let peak = { year: 0, commits: 0 };
  let run: { from: number; to: number; commits: number; shares: number[] } | undefined;
  const close = () => {
    if (run && run.to - run.from >= 1)
      best = {
        peakYear: peak.year,
        peakCommits: peak.commits,
        from: run.from,
        to: run.to,
        commits: run.commits,
        share: round(run.shares.reduce((a, b) => a + b, 0) / run.shares.length),
      };
    run = undefined;
  };
  for (const y of series) {
    const low = peak.commits >= MIN_PEAK && y.commits > 0 && y.commits < peak.commits * LOW_SHARE_OF_PEAK && y.share >= STILL_CARRIES;
    if (low) {
      if (run) {
        run.to = y.year;
        run.commits += y.commits;
        run.shares.push(y.share);
      } else run = { from: y.year, to: y.year, commits: y.commits, shares: [y.share] };
    } else {
      close();
      if (y.commits > peak.commits) peak = { year: y.year, commits: y.commits };
    }
  }
  close();
  return best;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const nameOf = (m: HistoryModel, id: string) => m.activity.get(id)?.person.name ?? id;
