/** What every history signal needs: the model, the subject, and helpers to build findings. */
import type { Confidence, Evidence, Finding, Severity } from '../../../core/types.js';
import { isNewcomer, tenureDays, type HistoryModel, type ResolvedCommit } from '../model.js';
import { HISTORY_ANALYZER } from '../rules.js';

export interface SignalContext {
  model: HistoryModel;
  subject: string;
  byHash: Map<string, ResolvedCommit>;
  /**
   * Commits on the first-parent line of the analyzed revision: committed to the branch itself,
   * not brought in by a merge (a pull request's commits carry their author as committer too).
   * Absent when unknown: then every commit counts as on the line.
   */
  firstParent?: Set<string>;
  /**
   * Commits a merge brought onto the first-parent line → the person who merged them (the merge
   * commit's author: the one who clicked merge, or merged locally). Absent for commits on the line.
   */
  mergedBy?: Map<string, string>;
  /** Names of tags whose commit is on no branch (not a release anyone builds from the project's branches). */
  danglingTags?: Set<string>;
}

interface LogCommit {
  hash: string;
  parents: string[];
  author: { name: string; email: string };
  committer: { time: number };
}

/** A merge vouches for commits made this close before it (a pull request), not for a long-lived branch's history. */
const MERGE_WINDOW = 90 * 86_400;

/**
 * Who merged each commit that is not on the first-parent line: walk each merge's side parents
 * (oldest merge first) until the line or an already-visited commit. Commits older than
 * MERGE_WINDOW at the merge came in with a branch integration (a 4.x line merged into 5.x years
 * later): their merger reviewed nothing, so they keep no merger. Linear in the commits read.
 */
export function mergersOf(
  commits: LogCommit[],
  firstParent: Set<string>,
  personOf: (name: string, email: string) => string,
): Map<string, string> {
  const byHash = new Map(commits.map((c) => [c.hash, c]));
  const out = new Map<string, string>();
  const seen = new Set<string>();
  const merges = commits.filter((c) => c.parents.length > 1 && firstParent.has(c.hash)).sort((a, b) => a.committer.time - b.committer.time);
  for (const m of merges) {
    const who = personOf(m.author.name, m.author.email);
    const stack = m.parents.slice(1);
    while (stack.length) {
      const h = stack.pop()!;
      if (firstParent.has(h) || seen.has(h)) continue;
      seen.add(h);
      const c = byHash.get(h);
      if (!c) continue;
      if (m.committer.time - c.committer.time <= MERGE_WINDOW) out.set(h, who);
      stack.push(...c.parents);
    }
  }
  return out;
}

/**
 * Did the author put this commit on the main line themselves? On the first-parent line: they
 * committed it (not a bot, not someone else). Brought in by a merge: they merged it themselves.
 */
export function selfLanded(ctx: SignalContext, rc: ResolvedCommit): boolean {
  const merger = ctx.mergedBy?.get(rc.commit.hash);
  return merger !== undefined ? merger === rc.author : rc.selfCommitted;
}

/** Walk parents[0] from `head` over the commits read (all of them, merges included). */
export function firstParentLine(head: string, commits: { hash: string; parents: string[] }[]): Set<string> {
  const parentOf = new Map(commits.map((c) => [c.hash, c.parents[0]]));
  const out = new Set<string>();
  for (let h: string | undefined = head; h !== undefined && parentOf.has(h) && !out.has(h); h = parentOf.get(h)) out.add(h);
  return out;
}

export const iso = (t: number | undefined): string | undefined => (t ? new Date(t * 1000).toISOString().slice(0, 10) : undefined);

export function commitEvidence(rc: ResolvedCommit, label?: string, file?: string, excerpt?: string, line?: number): Evidence {
  return {
    kind: 'commit',
    commit: rc.commit.hash,
    date: iso(rc.commit.author.time),
    label: label ?? rc.commit.subject.slice(0, 120),
    ...(file ? { file } : {}),
    ...(line ? { line } : {}),
    ...(excerpt !== undefined ? { excerpt: excerpt.slice(0, 300) } : {}),
  };
}

export interface AuthorWeight {
  name: string;
  newcomer: boolean;
  tenureDays: number;
  selfCommitted: boolean;
  /** Nobody established reviewed it: pushed by the author, or committed by another newcomer. */
  unreviewed: boolean;
}

export function authorWeight(ctx: SignalContext, rc: ResolvedCommit): AuthorWeight {
  const t = rc.commit.author.time;
  const self = selfLanded(ctx, rc);
  const merger = ctx.mergedBy?.get(rc.commit.hash);
  // Whoever let it in: the merger for merged work (someone with merge rights; a merger seen only in
  // merge commits has no activity and is not judged), else the committer.
  const gate = merger ?? rc.committer;
  const gateActivity = ctx.model.activity.get(gate);
  const gateNewcomer = merger !== undefined && !gateActivity ? false : isNewcomer(ctx.model, gate, merger ? t : rc.commit.committer.time);
  return {
    name: ctx.model.activity.get(rc.author)?.person.name ?? rc.commit.author.name,
    newcomer: isNewcomer(ctx.model, rc.author, t),
    tenureDays: tenureDays(ctx.model, rc.author, t),
    selfCommitted: self,
    unreviewed: self || (!gateActivity?.person.bot && gateNewcomer),
  };
}

export function describeAuthor(w: AuthorWeight): string {
  const how = w.selfCommitted ? ', committed it themselves' : w.unreviewed ? ', committed by another newcomer' : '';
  return `${w.name} (active for ${w.tenureDays} days at the time${w.newcomer ? ', a newcomer' : ''}${how})`;
}

export function finding(
  ctx: SignalContext,
  rule: string,
  severity: Severity,
  confidence: Confidence,
  title: string,
  evidence: Evidence[],
  explanation: string,
  remediation?: string,
): Finding {
  return {
    rule,
    severity,
    confidence,
    subject: ctx.subject,
    title,
    evidence,
    explanation,
    ...(remediation ? { remediation } : {}),
    analyzer: { ...HISTORY_ANALYZER },
  };
}
