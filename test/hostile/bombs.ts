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

/**
 * The "overlapping files" zip bomb: one deflate stream of `zeroBytes` zeros stored once, and
 * `entries` central-directory records all pointing at it under different names.
 */
export function overlappingZip(entries: number, zeroBytes: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(zeroBytes), { level: 9 });
  const crc = crc32(Buffer.alloc(zeroBytes));
  const local = Buffer.alloc(30 + 1);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(zeroBytes, 22);
  local.writeUInt16LE(1, 26);
  local.write('a', 30);
  const cd: Buffer[] = [];
  for (let i = 0; i < entries; i++) {
    const name = Buffer.from(`f${i}.bin`);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(zeroBytes, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(0, 42);
    cd.push(c, name);
  }
  const cdBuf = Buffer.concat(cd);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries, 8);
  eocd.writeUInt16LE(entries, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(local.length + data.length, 16);
  return Buffer.concat([local, data, cdBuf, eocd]);
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
