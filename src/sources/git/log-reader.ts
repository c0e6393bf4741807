/**
 * Read a repository's history by streaming `git log --raw` through the safe runner: commit headers
 * and, per commit, the paths changed with their blob ids and modes. Only tree objects are compared,
 * so no blob is read (that is what makes `--numstat` expensive: it diffs every changed file).
 * Line counts (`--numstat`) are read only when asked for (`lineCounts`). Missing objects (e.g.
 * snapshots that omit large blobs) then make git stop computing them; the reader re-reads the rest
 * of the history without `--numstat` and reports a Problem, so the result is partial but never lost.
 */
import type { Problem } from '../../core/types.js';
import { LOG_FORMAT, LogParser } from './log-parser.js';
import { NO_EXEC_DIFF_ARGS, streamGit } from './safe-git.js';
import type { GitCommit } from './types.js';

export interface LogReadOptions {
  /** `--since` date (anything git accepts; validated to not look like an option). */
  since?: string;
  until?: string;
  /** Revision to walk (default HEAD); `--all` walks every ref. */
  revision?: string;
  /** Stop after this many commits (a Problem says so). */
  maxCommits?: number;
  /** Called for each new commit as it is parsed (newest first), e.g. to start reading its patch. */
  onCommit?: (c: GitCommit) => void;
  /** Also read added/deleted line counts and git's binary verdict (`--numstat`): costs a diff of every changed file. */
  lineCounts?: boolean;
}

export interface LogReadResult {
  commits: GitCommit[];
  problems: Problem[];
  /** True when line counts were asked for and are missing for some commits. */
  numstatIncomplete: boolean;
}

/** Beyond this the history is truncated with a Problem (memory stays bounded); use --since. */
const DEFAULT_MAX_COMMITS = 500_000;

export function logArgs(opts: LogReadOptions, numstat: boolean): string[] {
  // Merges are included: without -m/-c git prints no diff for them, so they cost one header line.
  const args = ['log', '--no-renames', '--raw', '--no-abbrev', '--no-color', '--no-show-signature', ...NO_EXEC_DIFF_ARGS, LOG_FORMAT];
  if (numstat) args.splice(3, 0, '--numstat');
  if (opts.since) args.push(`--since=${opts.since}`);
  if (opts.until) args.push(`--until=${opts.until}`);
  // One more than the cap, so reaching the cap is visible.
  args.push(`--max-count=${(opts.maxCommits ?? DEFAULT_MAX_COMMITS) + 1}`);
  args.push(opts.revision === '--all' ? '--all' : (opts.revision ?? 'HEAD'), '--');
  return args;
}

export async function readLog(repoPath: string, opts: LogReadOptions = {}): Promise<LogReadResult> {
  const max = opts.maxCommits ?? DEFAULT_MAX_COMMITS;
  const problems: Problem[] = [];
  const commits: GitCommit[] = [];
  const seen = new Set<string>();
  const collect = (c: GitCommit) => {
    if (seen.has(c.hash)) return;
    seen.add(c.hash);
    if (commits.length >= max) return;
    commits.push(c);
    opts.onCommit?.(c);
  };

  const parser = new LogParser(collect);
  const first = await streamGit(repoPath, logArgs(opts, opts.lineCounts === true), (l) => parser.push(l));
  parser.flush();
  let numstatIncomplete = false;
  if (first.code !== 0 && !opts.lineCounts) {
    problems.push({
      code: 'E_GIT',
      subject: repoPath,
      message: `git log stopped after ${commits.length} commits: ${firstLine(first.stderr)}`,
    });
  } else if (first.code !== 0) {
    numstatIncomplete = true;
    problems.push({
      code: 'E_GIT',
      subject: repoPath,
      message: `git log --numstat stopped after ${commits.length} commits: ${firstLine(first.stderr)}`,
      hint: 'objects are missing (a partial or trimmed snapshot?); the rest of the history is read without line counts',
    });
    const rawParser = new LogParser(collect);
    const second = await streamGit(repoPath, logArgs(opts, false), (l) => rawParser.push(l));
    rawParser.flush();
    if (second.code !== 0) {
      problems.push({ code: 'E_GIT', subject: repoPath, message: `git log stopped: ${firstLine(second.stderr)}` });
    }
  }
  if (seen.size > max) {
    problems.push({
      code: 'E_GIT',
      subject: repoPath,
      message: `history truncated at ${max} commits`,
      hint: 'use --since to analyze a shorter period',
    });
  }
  const stray = parser.strayLines;
  if (stray > 0) problems.push({ code: 'E_GIT', subject: repoPath, message: `${stray} unreadable lines in git log output were skipped` });
  commits.sort((a, b) => a.committer.time - b.committer.time || a.author.time - b.author.time);
  return { commits, problems, numstatIncomplete };
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim()) ?? 'no message').trim();
}

/**
 * First time each raw identity (author or committer) appears in the whole history of `revision`,
 * read cheaply (no diffs). With `--since`, this keeps long-standing contributors from looking new.
 */
export async function readFirstSeen(repoPath: string, revision = 'HEAD'): Promise<{ firstSeen: Map<string, number>; start: number }> {
  const firstSeen = new Map<string, number>();
  let start = Number.POSITIVE_INFINITY;
  const see = (name: string, email: string, t: number) => {
    const k = `${name}\n${email.toLowerCase()}`;
    const prev = firstSeen.get(k);
    if (prev === undefined || t < prev) firstSeen.set(k, t);
  };
  await streamGit(
    repoPath,
    ['log', '--no-show-signature', '--format=%an%x1f%ae%x1f%at%x1f%cn%x1f%ce%x1f%ct', revision === '--all' ? '--all' : revision, '--'],
    (line) => {
      const [an, ae, at, cn, ce, ct] = line.split('\x1f');
      if (ct === undefined) return;
      const ta = Number(at) || 0;
      const tc = Number(ct) || 0;
      if (ta) see(an!, ae!, ta);
      if (tc) see(cn!, ce!, tc);
      // The history starts when its first commit was committed (see HistoryModel.start).
      if (tc && tc < start) start = tc;
    },
  );
  return { firstSeen, start: Number.isFinite(start) ? start : 0 };
}
