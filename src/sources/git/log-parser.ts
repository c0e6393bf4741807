/**
 * Incremental parser for `git log --raw --numstat --format=<LOG_FORMAT>` output, fed one line at a
 * time. Keeps no more than the commit being parsed; finished commits go to `onCommit`.
 */
import type { GitCommit, GitFileChange } from './types.js';
import { unquoteGitPath } from './unquote.js';

const SEP = '\x1f';
/** Marker that starts every commit header line. */
export const COMMIT_MARK = '\x1eC';
/** Header: hash, parents, author name/email/time, committer name/email/time, subject. */
export const LOG_FORMAT = `--format=${'%x1eC'}%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%cn%x1f%ce%x1f%ct%x1f%s`;

export class LogParser {
  private current: GitCommit | undefined;
  private byPath = new Map<string, GitFileChange>();
  /** Lines that fit no known shape (kept for a Problem count, not stored). */
  strayLines = 0;

  constructor(private readonly onCommit: (c: GitCommit) => void) {}

  push(line: string): void {
    if (line.startsWith(COMMIT_MARK)) {
      this.flush();
      this.current = parseHeader(line.slice(COMMIT_MARK.length));
      if (!this.current) this.strayLines++;
      return;
    }
    if (line === '' || !this.current) return;
    if (line.startsWith(':')) {
      const fc = parseRaw(line);
      if (!fc) {
        this.strayLines++;
        return;
      }
      this.current.files.push(fc);
      this.byPath.set(fc.path, fc);
      return;
    }
    const ns = parseNumstat(line);
    if (!ns) {
      this.strayLines++;
      return;
    }
    const fc = this.byPath.get(ns.path);
    if (fc) {
      fc.binary = ns.binary;
      fc.added = ns.added;
      fc.deleted = ns.deleted;
    }
  }

  /** Emit the commit in progress (call once at the end of the stream). */
  flush(): void {
    if (this.current) this.onCommit(this.current);
    this.current = undefined;
    this.byPath.clear();
  }
}

function parseHeader(s: string): GitCommit | undefined {
  const f = s.split(SEP);
  if (f.length < 9) return undefined;
  const [hash, parents, an, ae, at, cn, ce, ct] = f as [string, string, string, string, string, string, string, string];
  if (!/^[0-9a-f]{40,64}$/.test(hash)) return undefined;
  return {
    hash,
    parents: parents ? parents.split(' ') : [],
    author: { name: an, email: ae, time: Number(at) || 0 },
    committer: { name: cn, email: ce, time: Number(ct) || 0 },
    subject: f.slice(8).join(SEP),
    files: [],
  };
}

/** `:100644 100644 <old> <new> M\tpath` */
function parseRaw(line: string): GitFileChange | undefined {
  const tab = line.indexOf('\t');
  if (tab < 0) return undefined;
  const meta = line.slice(1, tab).split(' ');
  if (meta.length < 5) return undefined;
  const [, newMode, oldBlob, newBlob, status] = meta as [string, string, string, string, string];
  const zero = /^0+$/;
  return {
    path: unquoteGitPath(line.slice(tab + 1)),
    status: status.charAt(0),
    oldBlob: zero.test(oldBlob) ? undefined : oldBlob,
    newBlob: zero.test(newBlob) ? undefined : newBlob,
    newMode,
    binary: false,
  };
}

/** `12\t3\tpath` or `-\t-\tpath` (binary). */
function parseNumstat(line: string): { path: string; added?: number; deleted?: number; binary: boolean } | undefined {
  const m = /^(\d+|-)\t(\d+|-)\t(.*)$/.exec(line);
  if (!m) return undefined;
  const binary = m[1] === '-';
  return {
    path: unquoteGitPath(m[3]!),
    binary,
    added: binary ? undefined : Number(m[1]),
    deleted: binary ? undefined : Number(m[2]),
  };
}
