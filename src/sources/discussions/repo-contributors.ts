/**
 * Who contributed code, and when each person gained commit and release rights, from a git repository
 * (read with the safe git runner: no hooks, no filters, no repo-provided commands).
 */
import { VigilError } from '../../core/errors.js';
import { runGit, streamGit } from '../git/safe-git.js';

export interface RepoContributor {
  names: string[];
  email: string;
  commits: number;
  /** ISO dates. */
  firstAuthored?: string;
  lastAuthored?: string;
  /** First commit this person committed (applied) themselves: a sign of push rights. */
  firstCommitted?: string;
  /** Hash of that first self-committed commit. */
  firstCommittedHash?: string;
  /** Hash of the first authored commit. */
  firstAuthoredHash?: string;
  committed: number;
  /** Tags this person created (annotated tags), oldest first. */
  tags: { name: string; date: string }[];
}

export interface RepoContributors {
  repo: string;
  firstCommit?: string;
  lastCommit?: string;
  contributors: RepoContributor[];
  truncated: boolean;
}

const WEB_COMMITTERS = new Set(['noreply@github.com', 'noreply@gitlab.com']);
const MAX_COMMITS = 500_000;

export async function readRepoContributors(repo: string): Promise<RepoContributors> {
  const byEmail = new Map<string, RepoContributor>();
  const get = (name: string, email: string): RepoContributor => {
    const key = email.toLowerCase() || `name:${name.toLowerCase()}`;
    let c = byEmail.get(key);
    if (!c) {
      c = { names: [], email: key, commits: 0, committed: 0, tags: [] };
      byEmail.set(key, c);
    }
    if (name && !c.names.includes(name) && c.names.length < 10) c.names.push(name);
    return c;
  };
  let first: number | undefined;
  let last: number | undefined;
  const iso = (t: number): string => new Date(t * 1000).toISOString();
  const r = await streamGit(
    repo,
    ['log', '--all', '--no-color', '--format=%an%x00%ae%x00%at%x00%cn%x00%ce%x00%ct%x00%H'],
    (line) => {
      const [an = '', ae = '', at = '', cn = '', ce = '', ct = '', hash = ''] = line.split('\0');
      const a = Number(at);
      const c = Number(ct);
      if (!Number.isFinite(a) || a <= 0) return;
      const au = get(an, ae);
      au.commits++;
      if (!au.firstAuthored || iso(a) < au.firstAuthored) {
        au.firstAuthored = iso(a);
        au.firstAuthoredHash = hash;
      }
      if (!au.lastAuthored || iso(a) > au.lastAuthored) au.lastAuthored = iso(a);
      if (ce && !WEB_COMMITTERS.has(ce.toLowerCase()) && Number.isFinite(c) && c > 0) {
        const co = get(cn, ce);
        co.committed++;
        if (!co.firstCommitted || iso(c) < co.firstCommitted) {
          co.firstCommitted = iso(c);
          co.firstCommittedHash = hash;
        }
      }
      first = first === undefined ? a : Math.min(first, a);
      last = last === undefined ? a : Math.max(last, a);
    },
    { maxLines: MAX_COMMITS },
  );
  if (r.code !== 0 && r.lines === 0)
    throw new VigilError('E_GIT', `git log failed in ${repo}: ${r.stderr.split('\n')[0] ?? ''}`, { subject: repo });
  const tags = await runGit(
    repo,
    ['for-each-ref', 'refs/tags', '--format=%(refname:short)%00%(taggername)%00%(taggeremail)%00%(taggerdate:unix)'],
    { maxBytes: 16 << 20 },
  );
  for (const line of tags.stdout.toString('utf8').split('\n')) {
    const [name = '', tn = '', te = '', td = ''] = line.split('\0');
    const t = Number(td);
    if (!name || !te || !Number.isFinite(t) || t <= 0) continue;
    get(tn, te.replace(/^<|>$/g, '')).tags.push({ name, date: iso(t) });
  }
  const contributors = [...byEmail.values()];
  for (const c of contributors) c.tags.sort((a, b) => a.date.localeCompare(b.date));
  const out: RepoContributors = { repo, contributors, truncated: r.truncated };
  if (first !== undefined) out.firstCommit = iso(first);
  if (last !== undefined) out.lastCommit = iso(last);
  return out;
}
