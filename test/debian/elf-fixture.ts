/** Builds tiny, non-executable ELF64 little-endian files with a dynamic section (test input only). */
export function makeElf(o: { needed: string[]; runpath?: string; soname?: string }): Buffer {
  const base = 0x400000;
  const strings = ['', ...o.needed, ...(o.runpath ? [o.runpath] : []), ...(o.soname ? [o.soname] : [])];
  const offs: number[] = [];
  let strtab = '';
  for (const s of strings) {
    offs.push(Buffer.byteLength(strtab));
    strtab += s + '\0';
  }
  const strBuf = Buffer.from(strtab);
  const dyn: [number, number][] = [];
  o.needed.forEach((_, i) => dyn.push([1, offs[i + 1]!]));
  if (o.runpath) dyn.push([29, offs[o.needed.length + 1]!]);
  if (o.soname) dyn.push([14, offs[strings.length - 1]!]);
  const strOff = 64 + 2 * 56;
  const dynOff = strOff + strBuf.length + ((8 - (strBuf.length % 8)) % 8);
  dyn.push([5, base + strOff], [10, strBuf.length], [0, 0]);
  const total = dynOff + dyn.length * 16;
  const b = Buffer.alloc(total);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2;
  b[5] = 1;
  b[6] = 1;
  b.writeUInt16LE(3, 16);
  b.writeUInt16LE(0x3e, 18);
  b.writeUInt32LE(1, 20);
  b.writeBigUInt64LE(64n, 32);
  b.writeUInt16LE(64, 52);
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(2, 56);
  const ph = (at: number, type: number, off: number, size: number) => {
    b.writeUInt32LE(type, at);
    b.writeUInt32LE(4, at + 4);
    b.writeBigUInt64LE(BigInt(off), at + 8);
    b.writeBigUInt64LE(BigInt(base + off), at + 16);
    b.writeBigUInt64LE(BigInt(base + off), at + 24);
    b.writeBigUInt64LE(BigInt(size), at + 32);
    b.writeBigUInt64LE(BigInt(size), at + 40);
    b.writeBigUInt64LE(8n, at + 48);
  };
  ph(64, 1, 0, total);
  ph(120, 2, dynOff, dyn.length * 16);
  strBuf.copy(b, strOff);
  dyn.forEach(([t, v], i) => {
    b.writeBigUInt64LE(BigInt(t), dynOff + i * 16);
    b.writeBigUInt64LE(BigInt(v), dynOff + i * 16 + 8);
  });
  return b;
}
