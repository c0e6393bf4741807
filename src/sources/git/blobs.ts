/**
 * Read raw blobs (no filters, no textconv) in two batched processes: `cat-file --batch-check` for
 * sizes and presence, then `cat-file --batch` for the ones under the size cap. Missing blobs (trimmed
 * snapshots) and oversized ones are reported back, never thrown.
 */
import { runGit } from './safe-git.js';

export interface BlobReadResult {
  blobs: Map<string, Buffer>;
  missing: string[];
  tooLarge: { sha: string; size: number }[];
}

export const DEFAULT_BLOB_CAP = 1024 * 1024;

export async function readBlobs(repoPath: string, shas: Iterable<string>, cap = DEFAULT_BLOB_CAP): Promise<BlobReadResult> {
  const want = [...new Set([...shas].filter((s) => /^[0-9a-f]{40,64}$/.test(s)))];
  const out: BlobReadResult = { blobs: new Map(), missing: [], tooLarge: [] };
  if (want.length === 0) return out;
  const check = await runGit(repoPath, ['cat-file', '--batch-check'], { input: want.join('\n') + '\n', maxBytes: want.length * 200 });
  const fetch: string[] = [];
  for (const line of check.stdout.toString('latin1').split('\n')) {
    const [sha, type, size] = line.split(' ');
    if (!sha) continue;
    if (type === 'missing') out.missing.push(sha);
    else if (type === 'blob' && Number(size) <= cap) fetch.push(sha);
    else if (type === 'blob') out.tooLarge.push({ sha, size: Number(size) });
  }
  if (fetch.length === 0) return out;
  const r = await runGit(repoPath, ['cat-file', '--batch'], { input: fetch.join('\n') + '\n', maxBytes: fetch.length * (cap + 200) });
  parseBatch(r.stdout, out);
  return out;
}

/** `<sha> blob <size>\n<bytes>\n` repeated. */
function parseBatch(buf: Buffer, out: BlobReadResult): void {
  let off = 0;
  while (off < buf.length) {
    const nl = buf.indexOf(10, off);
    if (nl < 0) return;
    const [sha, type, size] = buf.subarray(off, nl).toString('latin1').split(' ');
    off = nl + 1;
    if (type === 'missing' || !sha) {
      if (sha) out.missing.push(sha);
      continue;
    }
    const n = Number(size);
    if (!Number.isFinite(n) || off + n > buf.length) return;
    out.blobs.set(sha, buf.subarray(off, off + n));
    off += n + 1;
  }
}
