/** The byte-signature catalogue (data/binary-signatures/catalogue.json) and a matcher with `??` wildcards. */
import { readFileSync } from 'node:fs';
import { dataPath } from '../../core/package-root.js';
import { VigilError } from '../../core/errors.js';

export const SIGNATURE_CATALOGUE = dataPath('binary-signatures', 'catalogue.json');

export interface ByteSignature {
  id: string;
  title: string;
  pattern: string;
  machine?: string;
  source: string;
  date: string;
  reference: string;
}

interface Compiled extends ByteSignature {
  bytes: (number | undefined)[];
  /** Longest run of fixed bytes, searched with indexOf before the full comparison. */
  anchor: Buffer;
  anchorAt: number;
}

let cache: { path: string; sigs: Compiled[] } | undefined;

export function compilePattern(p: string): { bytes: (number | undefined)[]; anchor: Buffer; anchorAt: number } {
  const bytes = p
    .trim()
    .split(/\s+/)
    .map((t) => {
      if (t === '??') return undefined;
      if (!/^[0-9a-f]{2}$/i.test(t)) throw new Error(`bad pattern token "${t}"`);
      return Number.parseInt(t, 16);
    });
  let best = { at: 0, len: 0 };
  for (let i = 0; i < bytes.length;) {
    let j = i;
    while (j < bytes.length && bytes[j] !== undefined) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j + 1;
  }
  if (best.len < 4) throw new Error('a pattern needs at least 4 consecutive fixed bytes');
  return { bytes, anchor: Buffer.from(bytes.slice(best.at, best.at + best.len) as number[]), anchorAt: best.at };
}

export function loadSignatures(path = SIGNATURE_CATALOGUE): Compiled[] {
  if (cache?.path === path) return cache.sigs;
  let raw: { signatures?: ByteSignature[] };
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as { signatures?: ByteSignature[] };
  } catch (e) {
    throw new VigilError('E_CONFIG', `${path}: cannot read the binary signature catalogue: ${(e as Error).message}`, {
      file: path,
      cause: e,
    });
  }
  const sigs = (raw.signatures ?? []).map((s, i) => {
    try {
      return { ...s, ...compilePattern(s.pattern) };
    } catch (e) {
      throw new VigilError('E_CONFIG', `${path}: signature ${i} (${s.id}): ${(e as Error).message}`, { file: path });
    }
  });
  cache = { path, sigs };
  return sigs;
}

export interface SignatureHit {
  id: string;
  offset: number;
  title: string;
  source: string;
  date: string;
  reference: string;
}

export function matchSignatures(buf: Buffer, sigs: Compiled[], maxHits = 16): SignatureHit[] {
  const hits: SignatureHit[] = [];
  for (const s of sigs) {
    let from = 0;
    while (hits.length < maxHits) {
      const a = buf.indexOf(s.anchor, from);
      if (a < 0) break;
      from = a + 1;
      const start = a - s.anchorAt;
      if (start < 0 || start + s.bytes.length > buf.length) continue;
      if (s.bytes.every((v, k) => v === undefined || buf[start + k] === v)) {
        hits.push({ id: s.id, offset: start, title: s.title, source: s.source, date: s.date, reference: s.reference });
        break;
      }
    }
  }
  return hits;
}
