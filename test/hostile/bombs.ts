/** Compression bombs built at test time (small inputs, huge declared output); nothing on disk. */
import { deflateRawSync } from 'node:zlib';

/** A 512-byte ustar header for one regular file of `size` bytes. */
export function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/**
 * A zstd frame: one raw block holding a tar header, then RLE blocks of zeros (4 bytes each for
 * 128 KiB of output). `zeroBytes` of file content; the tar end blocks are zeros too. `windowDescriptor`
 * is the frame's window byte (RFC 8878 §3.1.1.1.2): 0x38 declares 128 KiB, 0xa7 1.875 GiB.
 */
export function zstdBomb(zeroBytes: number, windowDescriptor = 0x38): Buffer {
  const header = tarHeader('package/zeros.bin', zeroBytes);
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, windowDescriptor])];
  const blockHeader = (last: boolean, type: number, size: number): Buffer => {
    const v = (last ? 1 : 0) | (type << 1) | (size << 3);
    return Buffer.from([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff]);
  };
  parts.push(blockHeader(false, 0, header.length), header);
  let left = zeroBytes + 1024;
  const MAX = 128 * 1024;
  while (left > 0) {
    const n = Math.min(MAX, left);
    left -= n;
    parts.push(blockHeader(left === 0, 1, n), Buffer.from([0]));
  }
  return Buffer.concat(parts);
}

interface ZipRecord {
  name: string;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** A zip local header; `nameLength` may claim more name bytes than `name` (the "quoted" shape). */
function localHeader(r: ZipRecord, nameLength = Buffer.byteLength(r.name)): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(8, 8);
  h.writeUInt32LE(r.crc, 14);
  h.writeUInt32LE(r.compressed, 18);
  h.writeUInt32LE(r.size, 22);
  h.writeUInt16LE(nameLength, 26);
  return Buffer.concat([h, Buffer.from(r.name)]);
}

/** The central directory and end record for `records`, to be placed at `cdOffset`. */
function centralDirectory(records: ZipRecord[], cdOffset: number): Buffer {
  const cd: Buffer[] = [];
  for (const r of records) {
    const name = Buffer.from(r.name);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(r.crc, 16);
    c.writeUInt32LE(r.compressed, 20);
    c.writeUInt32LE(r.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(r.offset, 42);
    cd.push(c, name);
  }
  const cdBuf = Buffer.concat(cd);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(records.length, 8);
  eocd.writeUInt16LE(records.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([cdBuf, eocd]);
}

/**
 * An ordinary zip: each file deflated and stored once, the central directory in `order`. A file's
 * `declaredSize` replaces its real uncompressed size in both headers (a zip that lies about it).
 */
export function ordinaryZip(
  files: { name: string; data: Buffer; declaredSize?: number }[],
  order: 'ascending' | 'descending' = 'ascending',
): Buffer {
  const parts: Buffer[] = [];
  const records: ZipRecord[] = [];
  let offset = 0;
  for (const f of files) {
    const data = deflateRawSync(f.data);
    const r = { name: f.name, crc: crc32(f.data), compressed: data.length, size: f.declaredSize ?? f.data.length, offset };
    const h = localHeader(r);
    parts.push(h, data);
    records.push(r);
    offset += h.length + data.length;
  }
  return Buffer.concat([...parts, centralDirectory(order === 'ascending' ? records : records.reverse(), offset)]);
}

/**
 * The "overlapping files" zip bomb: one deflate stream of `zeroBytes` zeros stored once, and
 * `entries` central-directory records all pointing at it under different names.
 */
export function overlappingZip(entries: number, zeroBytes: number, ext = '.bin'): Buffer {
  const data = deflateRawSync(Buffer.alloc(zeroBytes), { level: 9 });
  const base = { crc: crc32(Buffer.alloc(zeroBytes)), compressed: data.length, size: zeroBytes, offset: 0 };
  const local = localHeader({ ...base, name: 'a' });
  const records = Array.from({ length: entries }, (_, i) => ({ ...base, name: `f${i}${ext}` }));
  return Buffer.concat([local, data, centralDirectory(records, local.length + data.length)]);
}

/**
 * The "quoted overlap" zip bomb: `entries` local headers, far enough apart that the central
 * directory's records never overlap, each claiming a name long enough to move its data start onto
 * one shared deflate stream of `zeroBytes` zeros placed after them all.
 */
export function quotedOverlapZip(entries: number, zeroBytes: number, ext = ''): Buffer {
  const data = deflateRawSync(Buffer.alloc(zeroBytes), { level: 9 });
  const gap = 30 + data.length + 16;
  const dataStart = entries * gap;
  const parts: Buffer[] = [];
  const records: ZipRecord[] = [];
  for (let i = 0; i < entries; i++) {
    const r = { name: `q${i}${ext}`, crc: crc32(Buffer.alloc(zeroBytes)), compressed: data.length, size: zeroBytes, offset: i * gap };
    const h = localHeader(r, dataStart - r.offset - 30);
    parts.push(h, Buffer.alloc(gap - h.length));
    records.push(r);
  }
  return Buffer.concat([...parts, data, centralDirectory(records, dataStart + data.length)]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
