/**
 * `discuss` as a library call: read the archives, thread them, read the repository's contributors
 * when one is given, analyze, and return the one ScanResult model (partial, with problems, on bad input).
 */
import { resolve } from 'node:path';
import { VigilError, toProblem } from '../core/errors.js';
import type { EventSink } from '../core/events.js';
import type { ScanResult, SuppressionRule } from '../core/result.js';
import { applySuppressions } from '../engine/suppressions.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import { readDiscussions } from '../sources/discussions/read-sources.js';
import { readRepoContributors, type RepoContributors } from '../sources/discussions/repo-contributors.js';
import { threadMessages } from '../sources/discussions/threading.js';
import type { ReadLimits } from '../sources/discussions/types.js';
import { analyzeDiscussionMessages, DISCUSSION_FACTS } from '../analyzers/discussion/analyze.js';
import { putResultFacts } from '../core/facts.js';

export interface DiscussOptions {
  /** Git repository of the project, for code contributions and the takeover timeline. */
  repo?: string;
  /** Contributors already read (e.g. `contributorsFromHistory` over a history scan); skips reading `repo`. */
  contributors?: RepoContributors;
  events?: EventSink;
  limits?: Partial<ReadLimits>;
  suppressions?: SuppressionRule[];
}

export async function discuss(sources: string[], opts: DiscussOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const target = sources.map((s) => resolve(s)).join(' ');
  const result = newResult('discuss', target);
  opts.events?.({ type: 'stage', stage: 'discussions' });
  const read = await readDiscussions(sources, {
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.events ? { events: opts.events } : {}),
  });
  result.problems.push(...read.problems);
  result.inventory.sources.push(...read.sources.map((s) => ({ file: s.path, format: s.format })));
  let repo: RepoContributors | undefined = opts.contributors;
  if (!repo && opts.repo) {
    try {
      opts.events?.({ type: 'stage', stage: 'repository' });
      repo = await readRepoContributors(resolve(opts.repo));
    } catch (e) {
      result.problems.push({ ...toProblem(e, opts.repo), hint: 'code contributions and the takeover timeline were not checked' });
    }
  } else if (!repo) {
    result.unavailable.push({
      subject: target,
      field: 'code contributions',
      reason: 'no --repo given: whether identities contributed code is known only from patches sent and platform roles',
    });
  }
  if (read.messages.length === 0) {
    const why = read.problems
      .slice(0, 3)
      .map((p) => p.message)
      .join('; ');
    throw new VigilError('E_NO_INVENTORY', `no messages could be read from ${sources.join(', ')}${why ? ` (${why})` : ''}`, {
      hint: 'give mbox files, a folder of them, a public-inbox archive, or GitHub/GitLab issue export JSON',
    });
  }
  opts.events?.({ type: 'stage', stage: 'analysis', total: read.messages.length });
  const threading = threadMessages(read.messages);
  if (threading.loops > 0)
    result.problems.push({
      code: 'E_UNSUPPORTED',
      message: `${threading.loops} reference chain(s) loop back on themselves; threaded at the loop`,
    });
  const kept = [...threading.threads.values()].flat();
  const analysis = analyzeDiscussionMessages(kept, { subject: target, ...(repo ? { repo } : {}) });
  result.findings.push(...analysis.findings);
  if (opts.suppressions?.length) result.suppressions = applySuppressions(result.findings, opts.suppressions);
  putResultFacts(result, DISCUSSION_FACTS, {
    ...analysis.facts,
    read: { ...read.stats, duplicates: threading.duplicates, seconds: (Date.now() - started) / 1000 },
    ...(repo
      ? {
          repository: {
            path: repo.repo,
            firstCommit: repo.firstCommit,
            lastCommit: repo.lastCommit,
            contributors: repo.contributors.length,
          },
        }
      : {}),
  });
  return finalizeResult(result);
}
