/**
 * history/binary-test-file-without-generator: binary or payload-format files added OR modified
 * under a test directory when no script in the same commit or in nearby commits (60 days before,
 * 30 after) generates them. A script that merely mentions a file (a test that decompresses it) is
 * not its generator: the name must appear where the script writes (`> f`, `-o f`, `tee f`,
 * `open(f, "w")`), or in a script named like a generator (gen*, make*, create*, build*). Weighted
 * by entropy (compressed/encrypted content) and by the author's tenure and whether they pushed it
 * themselves.
 */
import type { Finding, Problem } from '../../../core/types.js';
import type { GitFileChange } from '../../../sources/git/types.js';
import { DAY, type ResolvedCommit } from '../model.js';
import * as P from '../paths.js';
import { authorWeight, commitEvidence, describeAuthor, finding, type SignalContext } from './context.js';

const MEDIA = /\.(png|jpe?g|gif|ico|svg|webp|bmp|tiff?|pdf|woff2?|ttf|otf|eot|mp3|mp4|ogg|wav|webm|avif|psd|xcf)$/i;
/** Files that list test data without generating it. */
const LISTING = /(^|\/)(makefile\.am|makefile\.in|cmakelists\.txt|meson\.build)$|\.cmake$/i;
const BEFORE = 60 * DAY;
const AFTER = 30 * DAY;
const MAX_SCRIPTS = 200;
export const HIGH_ENTROPY = 7.2;

export interface BinaryCandidate {
  rc: ResolvedCommit;
  files: GitFileChange[];
  /** Script blobs that might generate the files. */
  scripts: { path: string; blob: string }[];
}

interface ScriptChange {
  time: number;
  path: string;
  blob: string;
}

/** A test-data change whose kind (binary or not) makes it a candidate: added or updated, not media, not a symlink. */
const testData = (f: GitFileChange): boolean =>
  (f.status === 'A' || f.status === 'M') && !!f.newBlob && P.isTestPath(f.path) && !MEDIA.test(f.path) && f.newMode !== '120000';

/**
 * The blobs whose content must be looked at (binary or not) to pick the candidates: both sides of
 * test-data changes without a payload extension (git's own binary verdict is "either side").
 */
export function blobsToSniff(ctx: SignalContext): string[] {
  const out: string[] = [];
  for (const rc of ctx.model.commits)
    for (const f of rc.commit.files) {
      // A submodule's "blob" is a commit of another repository: never binary, never here.
      if (!testData(f) || P.PAYLOAD_EXT.test(f.path) || f.newMode === '160000') continue;
      out.push(f.newBlob!);
      if (f.status === 'M' && f.oldBlob) out.push(f.oldBlob);
    }
  return out;
}

/** `binary`: blob ids known to be binary (see `blobsToSniff`). */
export function binaryCandidates(ctx: SignalContext, binary: ReadonlySet<string>): BinaryCandidate[] {
  const scripts: ScriptChange[] = [];
  for (const rc of ctx.model.commits) {
    for (const f of rc.commit.files) {
      if (f.newBlob && P.isScriptLike(f.path) && !LISTING.test(f.path))
        scripts.push({ time: rc.commit.author.time, path: f.path, blob: f.newBlob });
    }
  }
  scripts.sort((a, b) => a.time - b.time);
  const isBinary = (f: GitFileChange) =>
    f.binary || binary.has(f.newBlob!) || (f.status === 'M' && f.oldBlob !== undefined && binary.has(f.oldBlob));
  const out: BinaryCandidate[] = [];
  for (const rc of ctx.model.commits) {
    const files = rc.commit.files.filter((f) => testData(f) && (isBinary(f) || P.PAYLOAD_EXT.test(f.path)));
    if (files.length === 0) continue;
    const t = rc.commit.author.time;
    const top = (p: string) => p.split('/')[0];
    const tops = new Set(files.map((f) => top(f.path)));
    const near = scripts.filter(
      (s) => s.time >= t - BEFORE && s.time <= t + AFTER && (tops.has(top(s.path)) || /gen|make|create|build/i.test(P.basename(s.path))),
    );
    near.sort((a, b) => Math.abs(a.time - t) - Math.abs(b.time - t));
    out.push({ rc, files, scripts: near.slice(0, MAX_SCRIPTS).map((s) => ({ path: s.path, blob: s.blob })) });
  }
  return out;
}

export function entropy(buf: Buffer): number {
  if (buf.length === 0) return 0;
  const counts = new Array<number>(256).fill(0);
  for (const b of buf) counts[b]!++;
  let h = 0;
  for (const c of counts) if (c) h -= (c / buf.length) * Math.log2(c / buf.length);
  return h;
}

const GENERATOR_NAME = /gen|make|create|build|mk/i;
/** On the line that names the file: the script writes it. */
const WRITES = /(>>?|\btee\b|(^|\s)-o\s*|--output[= ]|\bwrite\w*|\bfopen\b|\bopen\b|\bdump\b|\bsave\w*|\bcreate\w*|\bcp\b|\bmv\b)/i;

/**
 * A name built from a variable where the script writes: `-out $PREFIX-ca.der`, `> "${name}_x.bin"`.
 * The captured suffix must hold more than the extension (`$tmp.xz` names any .xz file).
 */
const TEMPLATED = /\$\{?\w+\}?([\w.-]*\w)/g;
const templatedSuffixes = (line: string): string[] =>
  [...line.matchAll(TEMPLATED)].map((m) => m[1]!).filter((sfx) => /^[^.]*[\w-]{2}\.\w+$/.test(sfx) && !/^\.\w+$/.test(sfx));

/** A script read for generator checks: its lines that write somewhere, found once per script. */
export interface ScriptText {
  path: string;
  text: string;
  writing: string[];
}

export function scriptText(path: string, text: string): ScriptText {
  const writes = (line: string) => WRITES.test(line.replace(/2>&1|>\s*\/dev\/null/g, ''));
  return { path, text, writing: text.split('\n').filter(writes) };
}

/** Does this script produce a file named `name` (or `stem.*`) in folder `dir` (`tests/certs/`)? */
export function generates(script: ScriptText, name: string, stem: string, dir = ''): boolean {
  const needles = [name, ...(stem.length >= 4 && stem !== name ? [stem] : [])];
  if (needles.some((n) => script.text.includes(n))) {
    if (GENERATOR_NAME.test(P.basename(script.path))) return true;
    if (script.writing.some((line) => needles.some((n) => line.includes(n)))) return true;
  }
  // A templated name the file matches, written by a script in the file's folder or below it.
  if (!script.path.startsWith(dir)) return false;
  return script.writing.some((line) => templatedSuffixes(line).some((sfx) => name.endsWith(sfx) && name.length > sfx.length));
}

export function binaryFindings(ctx: SignalContext, cand: BinaryCandidate, blobs: Map<string, Buffer>, problems: Problem[]): Finding[] {
  const scripts = cand.scripts.flatMap((s) => {
    const data = blobs.get(s.blob);
    return data?.length ? [scriptText(s.path, data.toString('latin1'))] : [];
  });
  const orphan: { f: GitFileChange; h?: number }[] = [];
  for (const f of cand.files) {
    const name = P.basename(f.path);
    const stem = P.stem(f.path);
    const dir = f.path.slice(0, f.path.lastIndexOf('/') + 1);
    if (scripts.some((s) => generates(s, name, stem, dir))) continue;
    const data = blobs.get(f.newBlob!);
    if (!data)
      problems.push({
        code: 'E_GIT',
        subject: ctx.subject,
        file: f.path,
        message: `blob ${f.newBlob} of ${f.path} (commit ${cand.rc.commit.hash.slice(0, 12)}) is missing or too large: entropy not measured`,
      });
    orphan.push({ f, h: data ? entropy(data) : undefined });
  }
  if (orphan.length === 0) return [];
  const w = authorWeight(ctx, cand.rc);
  const high = orphan.some((o) => (o.h ?? 8) >= HIGH_ENTROPY);
  // High: a newcomer pushed opaque, compressed-looking data themselves. Reviewed newcomer changes are low.
  const severity = w.newcomer && w.unreviewed ? (w.selfCommitted && high ? 'high' : 'medium') : high ? 'low' : 'info';
  const verb = (f: GitFileChange) => (f.status === 'M' ? 'updated' : 'added');
  const list = orphan.map((o) => `${o.f.path} (${verb(o.f)}${o.h !== undefined ? `, entropy ${o.h.toFixed(2)} bits/byte` : ''})`);
  const how = orphan.every((o) => o.f.status === 'M') ? 'updated' : orphan.some((o) => o.f.status === 'M') ? 'added or updated' : 'added';
  return [
    finding(
      ctx,
      'history/binary-test-file-without-generator',
      severity,
      w.newcomer ? 'medium' : 'low',
      `${orphan.length} binary test file(s) ${how} without a generator by ${w.name}`,
      orphan
        .slice(0, 10)
        .map((o) =>
          commitEvidence(
            cand.rc,
            `${verb(o.f)} ${o.h !== undefined && o.h >= HIGH_ENTROPY ? 'high-entropy ' : ''}binary file`,
            o.f.path,
            o.h !== undefined ? `entropy ${o.h.toFixed(2)} bits/byte` : undefined,
          ),
        ),
      `${how[0]!.toUpperCase()}${how.slice(1)} by ${describeAuthor(w)}: ${list.slice(0, 10).join('; ')}. No script in this commit or in the commits from 60 days before to 30 days after generates these files (a test that only reads them does not), so nobody can regenerate and check them.`,
      'Ask for the script that produced the files, regenerate them, and compare; until then treat them as opaque data that the build must never read.',
    ),
  ];
}
