/** Bounds-checked little/big-endian reads over an untrusted buffer. Every failure names the offset. */

export class ElfFormatError extends Error {}

export class Bytes {
  constructor(
    readonly buf: Buffer,
    readonly le: boolean,
    readonly is64: boolean,
  ) {}

  get length(): number {
    return this.buf.length;
  }

  check(off: number, len: number, what: string): void {
    if (!Number.isSafeInteger(off) || !Number.isSafeInteger(len) || off < 0 || len < 0 || off + len > this.buf.length) {
      throw new ElfFormatError(`${what} at offset ${off} (+${len}) lies outside the file (${this.buf.length} bytes)`);
    }
  }

  has(off: number, len: number): boolean {
    return Number.isSafeInteger(off) && Number.isSafeInteger(len) && off >= 0 && len >= 0 && off + len <= this.buf.length;
  }

  u8(off: number): number {
    this.check(off, 1, 'byte');
    return this.buf[off]!;
  }

  u16(off: number): number {
    this.check(off, 2, 'u16');
    return this.le ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }

  u32(off: number): number {
    this.check(off, 4, 'u32');
    return this.le ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }

  i32(off: number): number {
    this.check(off, 4, 'i32');
    return this.le ? this.buf.readInt32LE(off) : this.buf.readInt32BE(off);
  }

  /** 64-bit value as a number; values beyond 2^53 saturate (never valid offsets or sizes here). */
  u64(off: number): number {
    this.check(off, 8, 'u64');
    const v = this.le ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }

  i64(off: number): number {
    this.check(off, 8, 'i64');
    const v = this.le ? this.buf.readBigInt64LE(off) : this.buf.readBigInt64BE(off);
    return Number(v);
  }

  /** Native word: u32 in ELF32, u64 in ELF64. */
  word(off: number): number {
    return this.is64 ? this.u64(off) : this.u32(off);
  }

  sword(off: number): number {
    return this.is64 ? this.i64(off) : this.i32(off);
  }

  /** NUL-terminated string inside [start, end). */
  cstr(start: number, off: number, end: number): string {
    const p = start + off;
    if (off < 0 || p >= end || p >= this.buf.length) return '';
    let e = this.buf.indexOf(0, p);
    if (e < 0 || e > end) e = Math.min(end, this.buf.length);
    return this.buf.toString('latin1', p, Math.min(e, p + 4096));
  }
}
