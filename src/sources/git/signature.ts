/**
 * Identify the key behind a tag signature WITHOUT gpg or ssh-keygen: we only need "which key", not
 * "is it valid". OpenPGP: the issuer key id / fingerprint subpackets (RFC 4880 §5.2.3, RFC 9580);
 * SSH: the public key blob inside the SSHSIG envelope, reported as `SHA256:<base64>` like ssh-keygen.
 */
import { createHash } from 'node:crypto';
import type { TagSignature } from './types.js';

export function parseSignatureBlock(block: string): TagSignature | undefined {
  if (block.includes('-----BEGIN PGP SIGNATURE-----')) return parsePgp(armorBody(block, 'PGP SIGNATURE'));
  if (block.includes('-----BEGIN SSH SIGNATURE-----')) return parseSsh(armorBody(block, 'SSH SIGNATURE'));
  if (block.includes('-----BEGIN SIGNED MESSAGE-----')) return { kind: 'x509' };
  return undefined;
}

function armorBody(block: string, label: string): Buffer | undefined {
  const lines = block.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `-----BEGIN ${label}-----`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === `-----END ${label}-----`);
  if (start < 0 || end < 0) return undefined;
  let body = lines.slice(start + 1, end);
  const blank = body.findIndex((l) => l.trim() === '');
  // PGP armor: header lines, a blank line, base64, then `=CRC`.
  if (blank >= 0 && body.slice(0, blank).every((l) => /^[A-Za-z-]+: /.test(l))) body = body.slice(blank + 1);
  const b64 = body
    .filter((l) => !l.startsWith('='))
    .join('')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/=]*$/.test(b64) || b64.length === 0) return undefined;
  return Buffer.from(b64, 'base64');
}

function parsePgp(buf: Buffer | undefined): TagSignature {
  if (!buf || buf.length < 4) return { kind: 'pgp', unreadable: 'empty or malformed armor' };
  try {
    const body = pgpPacketBody(buf);
    if (!body) return { kind: 'pgp', unreadable: 'not a signature packet' };
    const version = body[0];
    if (version === 3) {
      return { kind: 'pgp', created: body.readUInt32BE(3), keyId: body.subarray(7, 15).toString('hex').toUpperCase() };
    }
    if (version === 4 || version === 5 || version === 6) {
      const wide = version === 6;
      let off = 4;
      const out: TagSignature = { kind: 'pgp' };
      for (let area = 0; area < 2; area++) {
        const len = wide ? body.readUInt32BE(off) : body.readUInt16BE(off);
        off += wide ? 4 : 2;
        readSubpackets(body.subarray(off, off + len), out);
        off += len;
      }
      if (!out.keyId && out.fingerprint) out.keyId = out.fingerprint.slice(-16);
      if (!out.keyId && !out.fingerprint) out.unreadable = 'no issuer subpacket';
      return out;
    }
    return { kind: 'pgp', unreadable: `signature version ${version}` };
  } catch {
    return { kind: 'pgp', unreadable: 'truncated signature packet' };
  }
}

/** Body of the first packet when it is a signature packet (tag 2), old or new header format. */
function pgpPacketBody(buf: Buffer): Buffer | undefined {
  const h = buf[0]!;
  if ((h & 0x80) === 0) return undefined;
  if (h & 0x40) {
    if ((h & 0x3f) !== 2) return undefined;
    const l0 = buf[1]!;
    if (l0 < 192) return buf.subarray(2, 2 + l0);
    if (l0 < 224) return buf.subarray(3, 3 + ((l0 - 192) << 8) + buf[2]! + 192);
    if (l0 === 255) return buf.subarray(6, 6 + buf.readUInt32BE(2));
    return undefined;
  }
  if (((h >> 2) & 0x0f) !== 2) return undefined;
  const lt = h & 3;
  if (lt === 0) return buf.subarray(2, 2 + buf[1]!);
  if (lt === 1) return buf.subarray(3, 3 + buf.readUInt16BE(1));
  if (lt === 2) return buf.subarray(5, 5 + buf.readUInt32BE(1));
  return buf.subarray(1);
}

function readSubpackets(area: Buffer, out: TagSignature): void {
  let i = 0;
  while (i < area.length) {
    const l0 = area[i]!;
    let len: number;
    if (l0 < 192) {
      len = l0;
      i += 1;
    } else if (l0 < 255) {
      len = ((l0 - 192) << 8) + area[i + 1]! + 192;
      i += 2;
    } else {
      len = area.readUInt32BE(i + 1);
      i += 5;
    }
    if (len < 1 || i + len > area.length) return;
    const type = area[i]! & 0x7f;
    const data = area.subarray(i + 1, i + len);
    if (type === 2 && data.length >= 4) out.created = data.readUInt32BE(0);
    if (type === 16 && data.length === 8) out.keyId = data.toString('hex').toUpperCase();
    if (type === 33 && data.length > 1) out.fingerprint = data.subarray(1).toString('hex').toUpperCase();
    i += len;
  }
}

function parseSsh(buf: Buffer | undefined): TagSignature {
  if (!buf || buf.subarray(0, 6).toString('latin1') !== 'SSHSIG') return { kind: 'ssh', unreadable: 'not an SSHSIG envelope' };
  try {
    const keyLen = buf.readUInt32BE(10);
    const key = buf.subarray(14, 14 + keyLen);
    if (key.length !== keyLen) return { kind: 'ssh', unreadable: 'truncated public key' };
    const fp = 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
    return { kind: 'ssh', fingerprint: fp, keyId: fp };
  } catch {
    return { kind: 'ssh', unreadable: 'truncated envelope' };
  }
}
