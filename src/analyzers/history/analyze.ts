/**
 * analyzeHistory: read a git repository's history safely and return findings (trust escalation,
 * risky changes, fragility) with commit evidence, facts for reports, and problems (what is partial).
 * Throws VigilError only when the path is not a readable repository (nothing useful can be said).
 */
import { basename, dirname, resolve } from 'node:path';
import { toProblem, VigilError } from '../../core/errors.js';
import type { EventSink } from '../../core/events.js';
import type { Finding, Problem } from '../../core/types.js';
import { binaryBlobs, type BlobKinds } from '../../sources/git/blob-kinds.js';
import { readBlobs } from '../../sources/git/blobs.js';
import { readFirstSeen, readLog } from '../../sources/git/log-reader.js';
import { startPatches, type FilePatch, type PatchReadOptions, type PatchStream } from '../../sources/git/patches.js';
import type { GitCommit } from '../../sources/git/types.js';
import { listFiles, readMailmapAt, readRepoInfo } from '../../sources/git/repo-info.js';
import { readTags } from '../../sources/git/tags.js';
import { runGit } from '../../sources/git/safe-git.js';
import type { GitTag } from '../../sources/git/types.js';
import { fragility } from './fragility.js';
import { buildModel, isNewcomer } from './model.js';
import * as P from './paths.js';
import { BUILD_PATHS, C_PATHS, OTHER_PATHS, pathspecsFor } from './pathspecs.js';
import { emptyFacts, type HistoryFacts } from './facts.js';
import { binaryCandidates, binaryFindings, blobsToSniff } from './signals/binary-files.js';
import { firstParentLine, mergersOf, selfLanded, type SignalContext } from './signals/context.js';
import { brokenFeatureChecks, type SnippetCandidate, type SnippetMemo } from './signals/feature-check.js';
import { fragilityFindings } from './signals/fragility-findings.js';
import { judgeHit, scanPatch, type PatchHit } from './signals/patch-rules.js';
import { fastEscalation, newSigningKeys } from './signals/release-authority.js';
import { newcomerTakeovers } from './signals/newcomer-takeover.js';
import { personFacts } from './timeline.js';
import { truckFactor } from './truck-factor.js';

export interface HistoryOptions {
  /** Only commits after this date (anything `git log --since` accepts). */
  since?: string;
  until?: string;
  /** Revision to analyze (default HEAD); `--all` for every ref. */
  branch?: string;
  /** Subject for findings (a purl when called from a scan); default: the repository's name. */
  subject?: string;
  maxCommits?: number;
  /** Progress events (stage names) for renderers. */
  events?: EventSink;
}

export interface HistoryAnalysis {
  subject: string;
  findings: Finding[];
  facts: HistoryFacts;
  problems: Problem[];
}

/** Blobs per batch: bounded memory (build files are up to a few hundred KiB each). */
const SNIPPET_BATCH = 100;
const BINARY_BATCH = 5;
function validateRev(value: string | undefined, what: string): void {
  if (value === undefined || value === '--all') return;
  if (!value || value.startsWith('-') || /[\0\n]/.test(value)) {
    throw new VigilError('E_USAGE', `invalid ${what} "${value}"`, { hint: `${what} must be a branch, tag or commit (or --all)` });
  }
}

/**
 * git reads any string as a date ("notadate" becomes now, so nothing is read): accept only a
 * calendar date (2022-01-01, optionally with a time) or "N days|weeks|months|years ago".
 */
function validateDate(value: string | undefined, flag: string): void {
  if (value === undefined) return;
  const iso =
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
    !Number.isNaN(Date.parse(value.replace(' ', 'T')));
  const relative = /^\d+ (second|minute|hour|day|week|month|year)s? ago$/.test(value);
  if (!iso || !validCalendarDay(value)) {
    if (!relative)
      throw new VigilError('E_USAGE', `${flag} "${value}" is not a date`, { hint: 'use a date like 2022-01-01 (or "6 months ago")' });
  }
}

function validCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function repoSubject(repoPath: string): string {
  const abs = resolve(repoPath);
  let name = basename(abs).replace(/\.git$/, '');
  if (!name || name === 'repo' || name === '.git') name = basename(dirname(abs)).replace(/\.git$/, '');
  return name || abs;
}

export async function analyzeHistory(repoPath: string, opts: HistoryOptions = {}): Promise<HistoryAnalysis> {
  validateRev(opts.branch, '--branch');
  validateDate(opts.since, '--since');
  validateDate(opts.until, '--until');
  const subject = opts.subject ?? repoSubject(repoPath);
  const info = await readRepoInfo(repoPath, opts.branch ?? 'HEAD');
  const problems: Problem[] = [];
  const facts = emptyFacts(resolve(repoPath), opts);
  facts.shallow = info.shallow;
  if (info.shallow)
    problems.push({
      code: 'E_GIT',
      subject,
      message: 'shallow clone: history before the shallow boundary is missing',
      hint: 'run `git fetch --unshallow` in the clone',
    });
  if (!info.head && opts.branch !== undefined && opts.branch !== '--all') {
    throw new VigilError('E_INPUT_NOT_FOUND', `--branch ${opts.branch}: no such branch, tag or commit`, {
      file: repoPath,
      hint: 'list them with `git -C REPO branch -a` and `git -C REPO tag`',
    });
  }
  if (!info.head) {
    problems.push({ code: 'E_GIT', subject, message: `${opts.branch ?? 'HEAD'} does not name a commit (a repository with no commits?)` });
    return { subject, findings: [], facts, problems };
  }
  facts.head = info.head;
  const head: string = info.head;
  const stage = (name: string) => opts.events?.({ type: 'stage', stage: `history: ${name}` });
  stage('reading log');
  const revision = opts.branch ?? 'HEAD';
  // The log names the commits whose build-file and policy/CI patches to read, and their exact paths
  // (pathspecs.ts); two diff-tree processes read them while the model is built, and the hits are
  // judged once authors' tenure is known. Each stream keeps its hits apart; they are judged in log
  // order (build before policy/CI within a commit, newcomers' C sources last), so the result does
  // not depend on which git process happened to answer first (one finding per rule and commit
  // keeps the first hit).
  const streamHits: PatchHit[][] = [[], [], []];
  const logIndex = new Map<string, number>();
  const fuzzAdded = new Map<string, Map<string, string[]>>();
  const snippetFiles: { commit: string; path: string }[][] = [[], [], []];
  const onPatch = (stream: number) => (fp: FilePatch) => {
    const r = scanPatch(fp);
    streamHits[stream]!.push(...r.hits);
    if (r.fuzzTokens?.length) {
      const m = fuzzAdded.get(fp.commit) ?? new Map<string, string[]>();
      fuzzAdded.set(fp.commit, m.set(fp.path, r.fuzzTokens));
    }
    if (r.checkSnippets) snippetFiles[stream]!.push({ commit: fp.commit, path: fp.path });
  };
  const build = { commits: [] as string[], paths: new Set<string>() };
  const other = { commits: [] as string[], paths: new Set<string>() };
  const feed = (to: typeof build, c: GitCommit) => {
    to.commits.push(c.hash);
    for (const f of c.files) to.paths.add(f.path);
  };
  const onCommit = (c: GitCommit) => {
    if (c.parents.length > 1) return;
    logIndex.set(c.hash, logIndex.size);
    if (c.files.some((f) => P.isBuildFile(f.path))) feed(build, c);
    if (
      c.files.some(
        (f) =>
          P.isSecurityPolicy(f.path) || P.isContactFile(f.path) || P.isCiConfig(f.path) || P.isFuzzConfig(f.path) || P.isGitignore(f.path),
      )
    )
      feed(other, c);
  };
  const streams: PatchStream[] = [];
  const patchStream = (commits: string[], specs: string[], stream: number, o: PatchReadOptions): PatchStream => {
    const st = startPatches(repoPath, specs, onPatch(stream), o);
    streams.push(st);
    for (const h of commits) st.add(h);
    return st;
  };
  const inLogOrder = <T extends { commit: string }>(a: T[], b: T[]): T[] =>
    [...a, ...b].sort((x, y) => (logIndex.get(x.commit) ?? 0) - (logIndex.get(y.commit) ?? 0));
  try {
    return await analyzeStreams();
  } catch (e) {
    for (const st of streams) st.abort();
    throw e;
  }

  async function analyzeStreams(): Promise<HistoryAnalysis> {
    const [log, tagsRead, before, mailmap, headFiles] = await Promise.all([
      readLog(repoPath, { since: opts.since, until: opts.until, revision, maxCommits: opts.maxCommits, onCommit }),
      readTags(repoPath),
      opts.since ? readFirstSeen(repoPath, revision).catch(() => undefined) : Promise.resolve(undefined),
      readMailmapAt(repoPath, head).catch(() => undefined),
      listFiles(repoPath, head).catch((e: unknown) => {
        problems.push({ code: 'E_GIT', subject, message: `could not list files at ${head}: ${(e as Error).message}` });
        return [] as string[];
      }),
    ]);
    problems.push(...log.problems, ...tagsRead.problems);
    const buildStream = patchStream(build.commits, pathspecsFor(BUILD_PATHS, build.paths), 0, { context: 25 });
    const otherStream = patchStream(other.commits, pathspecsFor(OTHER_PATHS, other.paths), 1, { context: 0 });
    const commits = log.commits.filter((c) => c.parents.length <= 1);
    // --until shows the history as it was then: later tags did not exist yet. (Earlier tags stay
    // with --since: they are the baseline for "new key" and "new release manager".)
    const untilMs = opts.until ? Date.parse(opts.until) : NaN;
    const tags = Number.isFinite(untilMs) ? tagsRead.tags.filter((t) => !t.tagger || t.tagger.time * 1000 <= untilMs) : tagsRead.tags;
    const model = buildModel(commits, tags, mailmap, before);
    const byHash = new Map(model.commits.map((rc) => [rc.commit.hash, rc]));
    const firstParent = firstParentLine(head, log.commits);
    const mergedBy = mergersOf(log.commits, firstParent, (n, e) => model.identities.personOf(n, e));
    const danglingTags = await tagsOnNoBranch(repoPath, tags, byHash).catch(() => undefined);
    const ctx: SignalContext = { model, subject, byHash, firstParent, mergedBy, ...(danglingTags ? { danglingTags } : {}) };
    const findings: Finding[] = [];
    findings.push(...newSigningKeys(ctx), ...fastEscalation(ctx), ...newcomerTakeovers(ctx));

    // Which test-data blobs are binary: one cat-file stream, read while the patches are read.
    const kinds: Promise<BlobKinds> = binaryBlobs(repoPath, blobsToSniff(ctx)).catch((e: unknown) => {
      problems.push({ ...toProblem(e, subject), message: `binary test files judged by extension only: ${(e as Error).message}` });
      return { binary: new Set<string>(), missing: [] };
    });

    stage('reading patches');
    // C sources only for newcomers who push themselves: reading every C diff would double the cost.
    const newcomerC = model.commits.filter(
      (rc) =>
        selfLanded(ctx, rc) && rc.commit.files.some((f) => P.isCSource(f.path)) && isNewcomer(model, rc.author, rc.commit.author.time),
    );
    const cPaths = new Set(newcomerC.flatMap((rc) => rc.commit.files.map((f) => f.path)));
    const cStream = patchStream(
      newcomerC.map((rc) => rc.commit.hash),
      pathspecsFor(C_PATHS, cPaths),
      2,
      { context: 0, maxLinesPerFile: 5000 },
    );
    const patchProblems = await Promise.all([buildStream.finish(), otherStream.finish(), cStream.finish()]);
    problems.push(...patchProblems.flat());
    const seen = new Set<string>();
    const hits = inLogOrder(streamHits[0]!, streamHits[1]!).concat(streamHits[2]!);
    for (const h of hits) {
      const f = judgeHit(ctx, h, fuzzAdded);
      const k = `${f?.rule}\n${h.commit}`;
      if (f && !seen.has(k)) {
        seen.add(k);
        findings.push(f);
      }
    }
    const snippetCands: SnippetCandidate[] = [];
    for (const sf of inLogOrder(snippetFiles[0]!, snippetFiles[1]!).concat(snippetFiles[2]!)) {
      const rc = byHash.get(sf.commit);
      const fc = rc?.commit.files.find((x) => x.path === sf.path);
      if (rc && fc?.newBlob) snippetCands.push({ rc, path: sf.path, oldBlob: fc.oldBlob, newBlob: fc.newBlob });
    }
    opts.events?.({ type: 'info', message: `history: ${hits.length} patch hits, ${newcomerC.length} newcomer C commits` });

    stage('reading blobs');
    // Blobs for compile-test snippets and binary test files, read in batches so memory stays bounded
    // (build files can be hundreds of KiB and change thousands of times).
    const sniffed = await kinds;
    const bins = binaryCandidates(ctx, sniffed.binary);
    opts.events?.({ type: 'info', message: `history: ${snippetCands.length} snippet and ${bins.length} binary candidates` });
    const missing = new Set<string>(sniffed.missing);
    const memo: SnippetMemo = new Map();
    for (let i = 0; i < snippetCands.length; i += SNIPPET_BATCH) {
      const chunk = snippetCands.slice(i, i + SNIPPET_BATCH);
      const want = chunk.flatMap((c) => [c.oldBlob, c.newBlob]).filter((b): b is string => !!b && !memo.has(b));
      const got = await readBlobs(repoPath, want);
      for (const m of got.missing) missing.add(m);
      for (const c of chunk) findings.push(...brokenFeatureChecks(ctx, c, got.blobs, memo));
    }
    for (let i = 0; i < bins.length; i += BINARY_BATCH) {
      const chunk = bins.slice(i, i + BINARY_BATCH);
      const got = await readBlobs(
        repoPath,
        chunk.flatMap((c) => [...c.files.map((f) => f.newBlob!), ...c.scripts.map((x) => x.blob)]),
      );
      for (const m of got.missing) missing.add(m);
      for (const c of chunk) findings.push(...binaryFindings(ctx, c, got.blobs, problems));
    }
    if (missing.size) {
      const some = [...missing].slice(0, 3).join(', ');
      problems.push({
        code: 'E_GIT',
        subject,
        message: `${missing.size} blob(s) are missing from the repository (e.g. ${some}); checks that needed them are partial`,
        hint: 'the snapshot omits large files, or the clone is partial',
      });
    }

    stage('fragility');
    const tf = truckFactor(model, headFiles);
    const fr = fragility(model);
    findings.push(...fragilityFindings(ctx, tf, fr));

    facts.commits = commits.length;
    facts.merges = log.commits.length - commits.length;
    facts.firstCommit = model.commits[0] ? new Date(model.commits[0].commit.author.time * 1000).toISOString() : undefined;
    facts.lastCommit = model.end ? new Date(model.end * 1000).toISOString() : undefined;
    facts.tags = { total: tags.length, annotated: tags.filter((t) => t.annotated).length, signed: tags.filter((t) => t.signature).length };
    facts.truckFactor = tf;
    facts.fragility = fr;
    facts.people = personFacts(model, findings);
    return { subject, findings, facts, problems };
  }
}

/**
 * Tags whose commit no branch contains (a vendor's tag pushed into the repository, work abandoned
 * after tagging). Read only when some tag points outside the history read: one rev-list.
 */
async function tagsOnNoBranch(repo: string, tags: GitTag[], read: Map<string, unknown>): Promise<Set<string>> {
  const outside = tags.filter((t) => t.tagger && t.commit && !read.has(t.commit));
  if (outside.length === 0) return new Set();
  const r = await runGit(repo, ['rev-list', '--branches'], { maxBytes: 256 * 1024 * 1024 });
  const onBranch = new Set(r.stdout.toString('utf8').split('\n'));
  return new Set(outside.filter((t) => !onBranch.has(t.commit!)).map((t) => t.name));
}
