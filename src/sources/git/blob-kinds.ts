/**
 * Which blobs are binary, by git's own rule (a NUL byte in the first 8,000 bytes; objects above
 * git's default big-file threshold count as binary unread), read with ONE `cat-file --batch`
 * whose output is scanned as it streams: only the first bytes of each blob are looked at and
 * nothing is kept, so hundreds of MiB of test data cost a pipe copy, not memory. This is the
 * verdict `git log --numstat` prints as `-`, without diffing every changed file of the history.
 * Attributes (`.gitattributes` `binary`/`-diff`) are deliberately ignored: the repository being
 * judged must not decide what looks opaque.
 */
import { VigilError } from '../../core/errors.js';
import { streamGitBytes } from './safe-git.js';

export interface BlobKinds {
  /** Blob ids whose content is binary. */
  binary: Set<string>;
  /** Ids the object database does not have (trimmed snapshots). */
  missing: string[];
}

/** git's FIRST_FEW_BYTES (xdiff-interface.c). */
const SNIFF = 8000;
/** git's default core.bigFileThreshold: diff treats larger blobs as binary without reading them. */
const BIG_FILE = 512 * 1024 * 1024;

export async function binaryBlobs(repoPath: string, shas: Iterable<string>): Promise<BlobKinds> {
  const want = [...new Set([...shas].filter((s) => /^[0-9a-f]{40,64}$/.test(s)))];
  const out: BlobKinds = { binary: new Set(), missing: [] };
  if (want.length === 0) return out;
  const parser = new BatchSniffer(out);
  const r = await streamGitBytes(repoPath, ['cat-file', '--batch'], (c) => parser.push(c), { input: want.join('\n') + '\n' });
  if (r.code !== 0)
    throw new VigilError('E_GIT', `git cat-file --batch failed: ${r.stderr.trim().split('\n')[0] ?? ''}`, { subject: repoPath });
  return out;
}

/** Incremental parser of `<oid> <type> <size>\n<bytes>\n` / `<oid> missing\n` records. */
class BatchSniffer {
  private header: Buffer[] = [];
  private oid = '';
  private blob = false;
  /** Bytes of the current body still to come (including its trailing LF). */
  private left = 0;
  /** Body bytes still to look at for a NUL. */
  private sniff = 0;

  constructor(private readonly out: BlobKinds) {}

  push(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      if (this.left > 0) {
        const n = Math.min(this.left, chunk.length - off);
        if (this.sniff > 0) {
          const m = Math.min(this.sniff, n);
          const nul = chunk.subarray(off, off + m).indexOf(0) >= 0;
          if (nul && this.blob) this.out.binary.add(this.oid);
          this.sniff = nul ? 0 : this.sniff - m;
        }
        this.left -= n;
        off += n;
        continue;
      }
      const nl = chunk.indexOf(10, off);
      if (nl < 0) {
        this.header.push(chunk.subarray(off));
        return;
      }
      this.header.push(chunk.subarray(off, nl));
      off = nl + 1;
      this.startRecord(Buffer.concat(this.header).toString('latin1'));
      this.header = [];
    }
  }

  private startRecord(line: string): void {
    const [oid = '', type = '', size = ''] = line.split(' ');
    this.oid = oid;
    if (type === 'missing') {
      this.out.missing.push(oid);
      return;
    }
    const n = Number(size);
    if (!Number.isSafeInteger(n) || n < 0) throw new VigilError('E_GIT', `unreadable git cat-file header "${line.slice(0, 120)}"`);
    this.blob = type === 'blob';
    this.left = n + 1;
    this.sniff = Math.min(n, SNIFF);
    if (this.blob && n > BIG_FILE) {
      this.out.binary.add(oid);
      this.sniff = 0;
    }
  }
}
