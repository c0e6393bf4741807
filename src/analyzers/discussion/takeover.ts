/**
 * The second half of the xz pattern, from the repository: after a pressure campaign, a recent
 * contributor (first commit well after the project began) starts committing directly or tagging
 * releases. The endorsed newcomer is preferred; otherwise one who took part in the campaign's threads.
 */
import type { RepoContributor } from '../../sources/discussions/repo-contributors.js';
import type { Campaign } from './campaign.js';
import { DAY, type AnalysisContext } from './context.js';
import { nameKey } from './identities.js';

export interface Climb {
  contributor: RepoContributor;
  /** Identity in the archive, when matched. */
  identity?: string;
  endorsed: boolean;
  /** First direct commit or first tag after the campaign began. */
  firstRight: { kind: 'commit' | 'tag'; date: string; ref: string };
}

export function findClimb(ctx: AnalysisContext, c: Campaign): Climb | undefined {
  const repo = ctx.repo;
  if (!repo?.firstCommit) return undefined;
  const start = Date.parse(c.start);
  const end = Date.parse(c.end);
  const projectStart = Date.parse(repo.firstCommit);
  const identityOf = (rc: RepoContributor): string | undefined => {
    const keys = new Set(rc.names.map((n) => nameKey(n)).filter(Boolean));
    for (const [id, ident] of ctx.identities) {
      if (ident.addresses.includes(rc.email) || ident.names.some((n) => keys.has(nameKey(n)))) return id;
    }
    return undefined;
  };
  const threadPeople = new Set(c.threads.flatMap((t) => (ctx.byThread.get(t) ?? []).map((x) => x.identity)));
  let best: (Climb & { rank: number }) | undefined;
  for (const rc of repo.contributors) {
    if (!rc.firstAuthored || Date.parse(rc.firstAuthored) < projectStart + 365 * DAY) continue; // founders and old hands
    const rights: Climb['firstRight'][] = [];
    if (rc.firstCommitted && rc.firstCommittedHash) rights.push({ kind: 'commit', date: rc.firstCommitted, ref: rc.firstCommittedHash });
    const tag = rc.tags.find((t) => Date.parse(t.date) >= start - 90 * DAY);
    if (tag) rights.push({ kind: 'tag', date: tag.date, ref: tag.name });
    const inWindow = rights
      .filter((r) => Date.parse(r.date) >= start - 90 * DAY && Date.parse(r.date) <= end + 730 * DAY)
      .sort((a, b) => a.date.localeCompare(b.date));
    if (inWindow.length === 0) continue;
    // First direct commit before the campaign means rights were already held: not a climb.
    if (rc.firstCommitted && Date.parse(rc.firstCommitted) < start - 90 * DAY) continue;
    const identity = identityOf(rc);
    const endorsed = identity !== undefined && c.endorsed.includes(identity);
    const involved = identity !== undefined && threadPeople.has(identity);
    if (!endorsed && !involved) continue;
    const rank = (endorsed ? 1000 : 0) + (involved ? 100 : 0) + Math.min(99, rc.commits / 10);
    if (!best || rank > best.rank) best = { contributor: rc, ...(identity ? { identity } : {}), endorsed, firstRight: inWindow[0]!, rank };
  }
  if (!best) return undefined;
  const { rank: _rank, ...climb } = best;
  return climb;
}
