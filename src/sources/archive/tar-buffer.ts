/**
 * A whole tar in memory (a small tarball inflated in one call) read in one synchronous pass: the
 * streamed reader (tar-reader.ts, tar-stream) spends more CPU on its streams, events and ticks per
 * entry than on the entries, about 0.4 s over a cold scan's 700 small tarballs.
 *
 * Only plain tars take this path. A first pass reads every header and checks the archive is one
 * tar-stream reads without a failure or one of its oddities (a bad checksum or size, a data block
 * cut off, bytes left over, a directory with data, an empty or oversized long-name header); for
 * anything else the collector is left untouched and the caller reads the tar through tar-stream, so
 * both give the same files, the same partial results at a limit and the same errors.
 */
import type { EntryCollector } from './collector.js';
import { decodeLongPath, decodePax, decodeTarHeader, type TarHeader } from './tar-header.js';
import { kindOf } from './tar-reader.js';

/** tar-stream's bound on a long-name or pax header body. */
const MAX_LONG_HEADER = 4 * 1024 * 1024;

const padding = (size: number): number => (512 - (size % 512)) % 512;

interface Entry {
  header: TarHeader;
  /** Where its data starts in the tar. */
  at: number;
}

/** The tar's entries with long names and pax records applied, or undefined when it is not a plain tar. */
function plainEntries(tar: Buffer): Entry[] | undefined {
  const out: Entry[] = [];
  let at = 0;
  let pax: Record<string, string> | undefined;
  let paxGlobal: Record<string, string> | undefined;
  let longPath: string | undefined;
  let longLink: string | undefined;
  while (at < tar.length) {
    if (tar.length - at < 512) return undefined;
    let h: TarHeader | null;
    try {
      h = decodeTarHeader(tar.subarray(at, at + 512));
    } catch {
      return undefined;
    }
    at += 512;
    if (!h) continue;
    const size = h.size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined;
    if (h.type === 'pax-header' || h.type === 'pax-global-header' || h.type === 'gnu-long-path' || h.type === 'gnu-long-link-path') {
      if (size === 0 || size > MAX_LONG_HEADER || at + size + padding(size) > tar.length) return undefined;
      const body = tar.subarray(at, at + size);
      at += size + padding(size);
      if (h.type === 'gnu-long-path') longPath = decodeLongPath(body);
      else if (h.type === 'gnu-long-link-path') longLink = decodeLongPath(body);
      else if (h.type === 'pax-global-header') paxGlobal = decodePax(body);
      else pax = paxGlobal === undefined ? decodePax(body) : { ...paxGlobal, ...decodePax(body) };
      continue;
    }
    if (longPath) h.name = longPath;
    if (longLink) h.linkname = longLink;
    longPath = longLink = undefined;
    if (pax) {
      if (pax.path) h.name = pax.path;
      if (pax.linkpath) h.linkname = pax.linkpath;
      if (pax.size) h.size = parseInt(pax.size, 10);
      pax = undefined;
    }
    const n = h.size;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return undefined;
    if (h.type === 'directory' && n > 0) return undefined;
    if (at + n + padding(n) > tar.length) return undefined;
    out.push({ header: h, at });
    at += n + padding(n);
  }
  return out;
}

/**
 * Feeds a plain tar's entries to `collector` and returns true; returns false, having fed nothing,
 * when the tar must be read by readTar. Throws what the collector throws (LimitReached).
 */
export function readPlainTar(tar: Buffer, collector: EntryCollector, namePrefix = ''): boolean {
  const entries = plainEntries(tar);
  if (!entries) return false;
  for (const { header: h, at } of entries) {
    const size = h.size!;
    const pending = collector.begin(namePrefix + h.name, kindOf(h.type), size, h.mode ?? undefined, h.linkname ?? undefined);
    if (size > 0) collector.data(pending, tar.subarray(at, at + size));
    collector.end(pending);
  }
  return true;
}
