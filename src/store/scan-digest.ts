/**
 * The part of a stored scan that the next scan of the same target compares with (changes since the
 * previous scan, `--baseline last`): which components it had and which findings, by fingerprint.
 * Stored beside the full result so that a rescan reads a few kilobytes, not the whole previous
 * result (tens of megabytes once parsed for a thousand packages).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ScanResult } from '../core/result.js';
import { redact } from '../core/redact.js';

export interface ScanDigest {
  id: number;
  targetKey: string;
  /** When the scan was stored. */
  at: string;
  finishedAt: string;
  /** purl, name, version of every component. */
  components: [purl: string, name: string, version: string][];
  /** Every finding that has a fingerprint, and whether a suppression matched it. */
  findings: { fingerprint: string; suppressed: boolean }[];
}

/** What a digest carries besides the row's own columns (id, target, time). */
export type DigestBody = Pick<ScanDigest, 'finishedAt' | 'components' | 'findings'>;

export function digestOf(result: ScanResult): DigestBody {
  return {
    finishedAt: result.finishedAt,
    components: result.inventory.components.map((c) => [c.purl, c.name, c.version]),
    findings: result.findings.flatMap((f) => (f.fingerprint ? [{ fingerprint: f.fingerprint, suppressed: Boolean(f.suppressed) }] : [])),
  };
}

/** Redacted, gzip-compressed JSON, as both backends store it (like the result beside it). */
export function encodeDigest(result: ScanResult): Buffer {
  return gzipSync(redact(JSON.stringify(digestOf(result))));
}

/** A stored digest; throws when it does not parse or lacks its fields. */
export function decodeDigest(raw: Buffer): DigestBody {
  const d = JSON.parse(gunzipSync(raw).toString('utf8')) as Partial<DigestBody>;
  if (typeof d?.finishedAt !== 'string' || !Array.isArray(d.components) || !Array.isArray(d.findings))
    throw new Error('scan digest without finishedAt, components or findings');
  return d as DigestBody;
}

/** A scans row as read for its digest (both backends). `digest` is null in rows stored before digests existed. */
export interface DigestRow {
  id: number | string;
  target_key: string;
  at: string;
  digest: Buffer | null;
}

/**
 * The digest of a row: the stored one, else (an older row, or an unreadable digest, which `unreadable`
 * counts) derived from the full result that `full` reads; undefined when neither reads.
 */
export function rowDigest(row: DigestRow, full: () => ScanResult | undefined, unreadable: () => void): ScanDigest | undefined {
  let body: DigestBody | undefined;
  let damaged = false;
  if (row.digest) {
    try {
      body = decodeDigest(row.digest);
    } catch {
      damaged = true;
    }
  }
  if (!body) {
    // A result that does not read either is counted by `full`: the row counts once.
    const result = full();
    if (!result) return undefined;
    if (damaged) unreadable();
    body = digestOf(result);
  }
  return { id: Number(row.id), targetKey: row.target_key, at: row.at, ...body };
}
