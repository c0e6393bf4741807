/**
 * Reads a Debian binary package (.deb): an `ar` archive whose `control.tar*` and `data.tar*`
 * members are tarballs in any of Debian's compressions (none, gz, xz, zst, bz2). Control files are
 * collected under `DEBIAN/` (as `dpkg-deb -R` lays them out), data files at their install paths.
 * Members are read by positional reads; each is streamed through the same decompressors, inflate
 * budget and caps as any other archive.
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { EntryCollector } from './collector.js';
import { decompressStream } from './decompress.js';
import { readTar } from './tar-reader.js';
import type { ArchiveFormat } from './types.js';

export const AR_MAGIC = '!<arch>\n';
const MAX_MEMBERS = 64;
const CHUNK = 64 * 1024;

export interface ArMember {
  name: string;
  offset: number;
  size: number;
}

interface Source {
  size: number;
  read(pos: number, len: number): Promise<Buffer>;
  stream(pos: number, len: number): Readable;
  close(): Promise<void>;
}

async function sourceOf(input: Buffer | string): Promise<Source> {
  if (Buffer.isBuffer(input)) {
    return {
      size: input.length,
      read: async (pos, len) => input.subarray(pos, pos + len),
      stream: (pos, len) =>
        Readable.from(
          (function* () {
            for (let i = pos; i < pos + len; i += CHUNK) yield input.subarray(i, Math.min(i + CHUNK, pos + len));
          })(),
        ),
      close: async () => {},
    };
  }
  const fh = await open(input, 'r');
  const size = (await fh.stat()).size;
  return {
    size,
    read: async (pos, len) => {
      const b = Buffer.alloc(len);
      const { bytesRead } = await fh.read(b, 0, len, pos);
      return b.subarray(0, bytesRead);
    },
    stream: (pos, len) => fh.createReadStream({ start: pos, end: pos + len - 1, autoClose: false, highWaterMark: CHUNK }),
    close: () => fh.close(),
  };
}

/** The members of an ar archive (names without the GNU trailing `/`). Throws on a corrupt header. */
export async function arMembers(src: { size: number; read(pos: number, len: number): Promise<Buffer> }): Promise<ArMember[]> {
  const magic = await src.read(0, 8);
  if (magic.toString('latin1') !== AR_MAGIC) throw new Error('not an ar archive (no !<arch> magic)');
  const out: ArMember[] = [];
  let pos = 8;
  while (pos + 60 <= src.size && out.length < MAX_MEMBERS) {
    const h = await src.read(pos, 60);
    if (h.length < 60 || h.toString('latin1', 58, 60) !== '`\n') throw new Error(`corrupt ar member header at byte ${pos}`);
    const name = h.toString('latin1', 0, 16).trim().replace(/\/$/, '');
    const size = Number.parseInt(h.toString('latin1', 48, 58).trim(), 10);
    if (!Number.isSafeInteger(size) || size < 0 || pos + 60 + size > src.size)
      throw new Error(`ar member "${name}" at byte ${pos} has a bad size`);
    out.push({ name, offset: pos + 60, size });
    pos += 60 + size + (size % 2);
  }
  return out;
}

/** Container format of a member from its name (`data.tar.xz` → tar.xz); undefined when unsupported. */
export function memberFormat(name: string): ArchiveFormat | undefined {
  const m = /^(control|data)\.tar(?:\.(gz|xz|zst|bz2))?$/.exec(name);
  if (!m) return undefined;
  return ({ gz: 'tgz', xz: 'tar.xz', zst: 'tar.zst', bz2: 'tar.bz2' } as const)[m[2] as 'gz'] ?? 'tar';
}

export async function readDeb(input: Buffer | string, collector: EntryCollector): Promise<void> {
  const src = await sourceOf(input);
  try {
    const members = await arMembers(src);
    if (!members.some((m) => m.name === 'debian-binary')) throw new Error('no debian-binary member: not a Debian package');
    for (const m of members) {
      const kind = m.name.startsWith('control.tar') ? 'control' : m.name.startsWith('data.tar') ? 'data' : undefined;
      if (!kind) continue;
      const format = memberFormat(m.name);
      if (!format) {
        collector.skip(m.name, 'unsupported-member', `ar member compressed in an unsupported format (${m.name}): its files were not read`);
        continue;
      }
      const raw = src.stream(m.offset, m.size);
      const tarBytes = decompressStream(format, raw, collector.budget);
      raw.on('error', (e: Error) => tarBytes.destroy(e));
      await readTar(tarBytes, collector, kind === 'control' ? 'DEBIAN/' : '');
    }
  } finally {
    await src.close();
  }
}
