/**
 * One 512-byte tar header, decoded as tar-stream 3 decodes it (its headers.js: checksum, ustar
 * prefix, GNU and unknown formats, base-256 numbers, a trailing `/` making a directory), for the
 * synchronous reader of whole tars (tar-buffer.ts). tar-stream does not export its decoder.
 */

export type TarType =
  | 'file'
  | 'link'
  | 'symlink'
  | 'character-device'
  | 'block-device'
  | 'directory'
  | 'fifo'
  | 'contiguous-file'
  | 'pax-header'
  | 'pax-global-header'
  | 'gnu-long-link-path'
  | 'gnu-long-path';

export interface TarHeader {
  name: string;
  /** null for a base-256 field that is not one; NaN for digits that are not octal (as tar-stream). */
  mode: number | null;
  size: number | null;
  type: TarType | null;
  linkname: string | null;
}

const TYPES: Record<number, TarType> = {
  0: 'file',
  1: 'link',
  2: 'symlink',
  3: 'character-device',
  4: 'block-device',
  5: 'directory',
  6: 'fifo',
  7: 'contiguous-file',
  72: 'pax-header',
  55: 'pax-global-header',
  27: 'gnu-long-link-path',
  28: 'gnu-long-path',
  30: 'gnu-long-path',
};

/** `ustar\0` at 257: POSIX ustar, whose name may have a prefix. (GNU and older formats are read like it, without one.) */
const isUstar = (b: Buffer): boolean =>
  b[257] === 0x75 && b[258] === 0x73 && b[259] === 0x74 && b[260] === 0x61 && b[261] === 0x72 && b[262] === 0;

function indexOf(b: Buffer, byte: number, from: number, end: number): number {
  for (; from < end; from++) if (b[from] === byte) return from;
  return end;
}

/** A NUL-terminated string of at most `length` bytes at `offset`. */
function str(b: Buffer, offset: number, length: number): string {
  return b.toString('utf8', offset, indexOf(b, 0, offset, offset + length));
}

/** Base-256 (first byte 0x80 positive, 0xFF negative); null for any other high-bit first byte. */
function base256(b: Buffer, offset: number, length: number): number | null {
  const first = b[offset];
  if (first !== 0x80 && first !== 0xff) return null;
  let sum = 0;
  for (let i = offset + length - 1, scale = 1; i > offset; i--, scale *= 256) sum += (first === 0x80 ? b[i]! : 0xff - b[i]!) * scale;
  return first === 0x80 ? sum : -sum;
}

/** An octal field (leading spaces and NULs skipped, ended by a space), or base-256. */
function oct(b: Buffer, offset: number, length: number): number | null {
  if (b[offset]! & 0x80) return base256(b, offset, length);
  const stop = offset + length;
  let at = offset;
  while (at < stop && b[at] === 32) at++;
  const end = indexOf(b, 32, at, stop);
  while (at < end && b[at] === 0) at++;
  if (end === at) return 0;
  return parseInt(b.toString('utf8', at, end), 8);
}

function checksum(b: Buffer): number {
  let sum = 8 * 32;
  for (let i = 0; i < 148; i++) sum += b[i]!;
  for (let i = 156; i < 512; i++) sum += b[i]!;
  return sum;
}

/** The header in `b` (512 bytes), or null for an empty block; throws on a bad checksum, as tar-stream. */
export function decodeTarHeader(b: Buffer): TarHeader | null {
  const sum = checksum(b);
  // An all-zero block (end of archive) still sums to the blank checksum field's spaces.
  if (sum === 8 * 32) return null;
  if (sum !== oct(b, 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?');
  let flag = b[156] === 0 ? 0 : b[156]! - 48;
  let name = str(b, 0, 100);
  if (isUstar(b) && b[345]) name = `${str(b, 345, 155)}/${name}`;
  // Old tars mark a directory by a trailing slash on a plain file.
  if (flag === 0 && name.endsWith('/')) flag = 5;
  return {
    name,
    mode: oct(b, 100, 8),
    size: oct(b, 124, 12),
    type: TYPES[flag] ?? null,
    linkname: b[157] === 0 ? null : str(b, 157, 100),
  };
}

/** `key=value` records of a pax header body (`LEN key=value\n`), as tar-stream reads them. */
export function decodePax(buf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  while (buf.length) {
    let i = 0;
    while (i < buf.length && buf[i] !== 32) i++;
    const len = parseInt(buf.subarray(0, i).toString('utf8'), 10);
    if (!len) return out;
    // subarray, not toString's range: a negative length counts from the end, as in tar-stream.
    const rec = buf.subarray(i + 1, len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq === -1) return out;
    out[rec.slice(0, eq)] = rec.slice(eq + 1);
    buf = buf.subarray(len);
  }
  return out;
}

/** A GNU long name or link body: the string up to its first NUL. */
export const decodeLongPath = (buf: Buffer): string => str(buf, 0, buf.length);
