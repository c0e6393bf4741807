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
  return {
    name: ctx.model.activity.get(rc.author)?.person.name ?? rc.commit.author.name,
    newcomer: isNewcomer(ctx.model, rc.author, t),
    tenureDays: tenureDays(ctx.model, rc.author, t),
    selfCommitted: rc.selfCommitted,
    unreviewed:
      rc.selfCommitted ||
      (!ctx.model.activity.get(rc.committer)?.person.bot && isNewcomer(ctx.model, rc.committer, rc.commit.committer.time)),
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
