/**
 * Use the history analysis' per-person facts (when a scan already ran it) instead of reading the
 * repository again: PersonFacts → RepoContributors, the shape the discussion analysis reads.
 */
import type { PersonFacts } from '../history/index.js';
import type { RepoContributors } from '../../sources/discussions/repo-contributors.js';

export function contributorsFromHistory(repo: string, people: PersonFacts[]): RepoContributors {
  const dates = people
    .map((p) => p.firstActivity)
    .filter((d): d is string => !!d)
    .sort();
  const last = people
    .map((p) => p.lastActivity)
    .filter((d): d is string => !!d)
    .sort();
  const out: RepoContributors = {
    repo,
    truncated: false,
    contributors: people
      .filter((p) => !p.bot)
      .map((p) => ({
        names: p.names.length ? p.names : [p.name],
        email: (p.emails[0] ?? `name:${p.name}`).toLowerCase(),
        commits: p.commitsAuthored,
        committed: p.commitsCommitted,
        ...(p.firstAuthored?.date ? { firstAuthored: p.firstAuthored.date, firstAuthoredHash: p.firstAuthored.commit } : {}),
        ...(p.lastActivity ? { lastAuthored: p.lastActivity } : {}),
        ...(p.firstCommitted?.date ? { firstCommitted: p.firstCommitted.date, firstCommittedHash: p.firstCommitted.commit } : {}),
        tags: p.tags
          .filter((t) => t.date)
          .map((t) => ({ name: t.name, date: t.date! }))
          .sort((a, b) => a.date.localeCompare(b.date)),
      })),
  };
  if (dates[0]) out.firstCommit = dates[0];
  if (last.length) out.lastCommit = last[last.length - 1];
  return out;
}
