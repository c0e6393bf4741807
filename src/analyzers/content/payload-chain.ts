/**
 * Follows the xz-style chain statically: for a data file that a build file's `grep -a` marker
 * search selects, apply that build file's `tr` swap, decompress the result in memory (xz via
 * WASM, gzip via zlib), and scan the decoded text as shell. Decoded text that names other data
 * files marks them as read by build logic too (good-large_compressed.lzma in xz 5.6.1).
 * Nothing decoded is ever executed or written to disk.
 */
import { gunzipSync, constants as zc } from 'node:zlib';
import { createRequire } from 'node:module';
import type { PackageFiles } from '../../sources/archive/types.js';
import { compressedFormat } from './binaries.js';
import { scanShell, trSets, trTable } from './shell-scan.js';
import { basename, clean } from './text-utils.js';
import type { ContentFacts, DecodedPayload } from './types.js';

const MAX_INPUT = 4 * 1024 * 1024;
const MAX_OUTPUT = 1024 * 1024;

type XzCtor = new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
let xzCtor: XzCtor | undefined;

/**
 * xz decode that keeps what decodes before trailing junk or a corrupt stream (as `xz -dc` prints
 * the good streams). The WASM decoder drops buffered output on error, so on failure the input is
 * cut after each stream footer ("YZ" at a 4-byte boundary) and decoded again.
 */
async function xzPartial(bytes: Buffer): Promise<Buffer> {
  const whole = await xzOnce(bytes);
  if (whole.length > 0) return whole;
  let tries = 0;
  for (let i = bytes.indexOf('YZ'); i >= 0 && tries < 8; i = bytes.indexOf('YZ', i + 1)) {
    if ((i + 2) % 4 !== 0) continue;
    tries++;
    const out = await xzOnce(bytes.subarray(0, i + 2));
    if (out.length > 0) return out;
  }
  return whole;
}

async function xzOnce(bytes: Buffer): Promise<Buffer> {
  xzCtor ??= (createRequire(import.meta.url)('xz-decompress') as { XzReadableStream: XzCtor }).XzReadableStream;
  const reader = new xzCtor(new Blob([new Uint8Array(bytes)]).stream() as ReadableStream<Uint8Array>).getReader();
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      parts.push(Buffer.from(value));
      n += value.length;
      if (n >= MAX_OUTPUT) break;
    }
  } catch {
    /* keep what decoded before the error */
  }
  void reader.cancel().catch(() => {});
  return Buffer.concat(parts).subarray(0, MAX_OUTPUT);
}

async function decompress(bytes: Buffer): Promise<Buffer | undefined> {
  const fmt = compressedFormat(bytes);
  if (fmt === 'xz') return xzPartial(bytes);
  if (fmt === 'gzip') {
    try {
      return gunzipSync(bytes, { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: MAX_OUTPUT });
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Decoded shell is mostly printable even when a marker line carries a few binary bytes. */
function mostlyText(b: Buffer): boolean {
  const n = Math.min(b.length, 65536);
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127)) ok++;
  }
  return ok / n >= 0.9;
}

/** Idempotent: facts that already carry decodedPayloads are left as they are. */
export async function enrichPayloadChains(facts: ContentFacts, files: PackageFiles): Promise<void> {
  if (facts.decodedPayloads) return;
  const byPath = new Map(files.files.map((f) => [f.path, f]));
  const payloads: DecodedPayload[] = [];
  for (const blob of facts.blobs.filter((b) => b.matchedBy.length > 0).slice(0, 5)) {
    const data = byPath.get(blob.file)?.data;
    if (!data || data.length > MAX_INPUT) continue;
    const swaps = facts.buildSignals
      .filter((s) => s.idiom === 'tr-swap' && blob.matchedBy.some((m) => m.file === s.file))
      .map((s) => trSets(s.excerpt))
      .filter((x): x is [string, string] => !!x);
    const attempts: { how: string; bytes: Buffer }[] = [{ how: '', bytes: data }];
    for (const [a, b] of swaps.slice(0, 3)) {
      const table = trTable(a, b);
      attempts.unshift({ how: `tr "${a}" "${b}" | `, bytes: Buffer.from(data.map((x) => table[x]!)) });
    }
    for (const at of attempts) {
      const out = await decompress(at.bytes);
      if (!out || out.length === 0 || !mostlyText(out)) continue;
      const text = out.toString('latin1');
      const virtual = `${blob.file}#decoded`;
      const { hits } = scanShell(text, virtual);
      const others = facts.blobs.filter((o) => o.file !== blob.file && text.includes(basename(o.file)));
      const preview = text
        .split('\n')
        .map(clean)
        .filter((l) => l.length > 3 && /^[\x20-\x7e\\{}]+$/.test(l))
        .slice(0, 6);
      payloads.push({
        file: blob.file,
        transform: `${at.how}${compressedFormat(at.bytes)} -d`,
        size: out.length,
        preview,
        signals: hits
          .slice(0, 20)
          .map((h) => ({ file: virtual, line: h.line, excerpt: h.excerpt, idiom: h.idiom, ...(h.detail ? { detail: h.detail } : {}) })),
        names: others.map((o) => o.file),
      });
      for (const o of others) {
        const lines = text.split('\n');
        const line = lines.findIndex((l) => l.includes(basename(o.file))) + 1;
        const l = lines[line - 1] ?? '';
        const at = Math.max(0, l.indexOf(basename(o.file)) - 60);
        o.matchedBy.push({
          file: virtual,
          line,
          excerpt: clean(l.slice(at, at + 160)),
          detail: `named by the payload decoded from ${blob.file}`,
        });
      }
      break;
    }
  }
  if (payloads.length > 0) facts.decodedPayloads = payloads;
}
