/** Container format by magic bytes (never by file name alone: names lie). */
import type { ArchiveFormat } from './types.js';

export function detectFormat(head: Buffer): ArchiveFormat | undefined {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tgz';
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'tar.xz';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'BZh') return 'tar.bz2';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'tar.zst';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6))
    return 'zip';
  if (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  if (head.length >= 8 && head.toString('latin1', 0, 8) === '!<arch>\n') return 'deb';
  return undefined;
}

/** What the file name claims, used only to word errors ("not gzip") and as a tie-breaker. */
export function formatFromName(name: string): ArchiveFormat | undefined {
  const n = name.toLowerCase();
  if (n.endsWith('.tgz') || n.endsWith('.tar.gz')) return 'tgz';
  if (n.endsWith('.tar.xz') || n.endsWith('.txz')) return 'tar.xz';
  if (n.endsWith('.tar.bz2') || n.endsWith('.tbz2')) return 'tar.bz2';
  if (n.endsWith('.tar.zst') || n.endsWith('.tzst')) return 'tar.zst';
  if (n.endsWith('.zip')) return 'zip';
  if (n.endsWith('.tar')) return 'tar';
  if (n.endsWith('.deb') || n.endsWith('.udeb')) return 'deb';
  return undefined;
}
