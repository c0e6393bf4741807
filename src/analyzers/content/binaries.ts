/** Executables and compressed blobs recognised by magic bytes (never by name alone). */
import type { BinaryFile, BlobFormat } from './types.js';

export function executableKind(b: Buffer): BinaryFile['kind'] | undefined {
  if (b.length < 4) return undefined;
  if (b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46) return 'elf';
  const be = b.readUInt32BE(0);
  if (be === 0xfeedface || be === 0xfeedfacf || be === 0xcefaedfe || be === 0xcffaedfe) return 'mach-o';
  if (be === 0xcafebabe && b.length >= 8 && b.readUInt32BE(4) > 0 && b.readUInt32BE(4) < 20) return 'mach-o';
  if (b[0] === 0x4d && b[1] === 0x5a && b.length >= 0x40) {
    const off = b.readUInt32LE(0x3c);
    if (off + 4 <= b.length && b.readUInt32BE(off) === 0x50450000) return 'pe';
  }
  if (be === 0x0061736d) return 'wasm';
  return undefined;
}

export function compressedFormat(b: Buffer): BlobFormat | undefined {
  if (b.length < 6) return undefined;
  if (b[0] === 0xfd && b.toString('latin1', 1, 6) === '7zXZ\0') return 'xz';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.toString('latin1', 0, 3) === 'BZh' && b[3]! >= 0x31 && b[3]! <= 0x39) return 'bzip2';
  if (b.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) return 'zip';
  if (b.toString('latin1', 0, 6) === "7z\xbc\xaf'\x1c") return '7z';
  // lzma-alone: properties byte (lc/lp/pb, almost always 0x5d) then a power-of-two dictionary size.
  if (b[0] === 0x5d && b.length >= 13) {
    const dict = b.readUInt32LE(1);
    if (dict >= 4096 && (dict & (dict - 1)) === 0) return 'lzma';
  }
  return undefined;
}

/** Media and font formats whose bytes are high-entropy by nature. */
export function isKnownMedia(b: Buffer): boolean {
  if (b.length < 4) return false;
  const s4 = b.toString('latin1', 0, 4);
  return (
    (b[0] === 0x89 && s4.slice(1) === 'PNG') ||
    (b[0] === 0xff && b[1] === 0xd8) ||
    s4 === 'GIF8' ||
    s4 === 'wOFF' ||
    s4 === 'wOF2' ||
    s4 === 'OTTO' ||
    s4 === '%PDF' ||
    s4 === 'RIFF' ||
    s4 === 'ttcf' ||
    b.readUInt32BE(0) === 0x00010000 ||
    s4 === 'fLaC' ||
    s4 === 'OggS' ||
    s4 === 'ID3\x03' ||
    (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) ||
    s4 === '\x00\x00\x01\x00' ||
    b.toString('latin1', 4, 8) === 'ftyp' ||
    s4 === '\x1aE\xdf\xa3' ||
    s4 === 'SQLi' ||
    s4 === 'II*\x00' ||
    s4 === 'MM\x00*' ||
    s4 === '8BPS'
  );
}

/** Extensions that promise text or media: an executable behind one is disguised. */
export const INNOCENT_EXT = /\.(js|cjs|mjs|json|txt|md|css|html?|map|ts|png|jpe?g|gif|svg|ico|woff2?|ttf|otf|csv|ya?ml|xml|log|dat)$/i;

/** Extensions of formats that are high-entropy by design (not hidden payloads). */
export const HIGH_ENTROPY_EXT =
  /\.(png|jpe?g|gif|webp|avif|ico|icns|woff2?|ttf|otf|eot|pdf|mp[34]|m4a|ogg|webm|wav|flac|zip|jar|gz|tgz|br|wasm|node|so|dylib|dll|exe|pem|der|crt|p12|pfx|key|sig|asc|gpg|db|sqlite|pb|onnx|tflite|glb|ktx2?|basis|pack|idx|snap|mmdb|cur|bmp|psd|xz|lzma|bz2|zst|7z)$/i;
