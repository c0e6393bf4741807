/**
 * `.deb` files → installed-style package records, from the `control` file inside the ar member
 * `control.tar{,.gz,.xz,.zst}`. The ar headers are walked with positional reads, so only the
 * control member is read into memory; the data member is never touched. Caps on member size,
 * decompressed size and tar entry count; nothing is written to disk.
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { Readable } from 'node:stream';
import { basename } from 'node:path';
import tar from 'tar-stream';
import { VigilError, toProblem } from '../core/errors.js';
import type { Inventory, Problem } from '../core/types.js';
import { parseControl } from '../formats/debian/control.js';
import { decompressByName } from '../formats/debian/decompress.js';
import { buildDebInventory, type DebInventoryOptions } from '../formats/debian/installed-graph.js';
import type { DebPackage } from '../formats/debian/types.js';
import { stanzaToPackage } from './dpkg-status.js';

const MAX_CONTROL_MEMBER = 16 * 1024 * 1024;
const MAX_CONTROL_TAR = 64 * 1024 * 1024;
const MAX_TAR_ENTRIES = 2000;
const MAX_CONTROL_FILE = 1024 * 1024;

export const isArArchive = (head: Buffer): boolean => head.subarray(0, 8).toString('latin1') === '!<arch>\n';

/** Read the control.tar member of a .deb: its name and bytes. */
export function readControlMember(path: string): { name: string; data: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(60);
    if (readSync(fd, head, 0, 8, 0) !== 8 || !isArArchive(head))
      throw new VigilError('E_ARCHIVE', `${path}: not a .deb (no ar archive magic)`, { file: path });
    let pos = 8;
    for (let i = 0; i < 64 && pos + 60 <= size; i++) {
      readSync(fd, head, 0, 60, pos);
      if (head.subarray(58, 60).toString('latin1') !== '`\n')
        throw new VigilError('E_ARCHIVE', `${path}: corrupt ar header at byte ${pos}`, { file: path });
      const name = head.subarray(0, 16).toString('latin1').trim().replace(/\/$/, '');
      const len = Number.parseInt(head.subarray(48, 58).toString('latin1').trim(), 10);
      if (!Number.isFinite(len) || len < 0 || pos + 60 + len > size)
        throw new VigilError('E_ARCHIVE', `${path}: ar member ${name} has a bad size`, { file: path });
      if (/^control\.tar(\.(gz|xz|zst))?$/.test(name)) {
        if (len > MAX_CONTROL_MEMBER)
          throw new VigilError('E_ARCHIVE_LIMIT', `${path}: ${name} is larger than ${MAX_CONTROL_MEMBER} bytes`, { file: path });
        const data = Buffer.alloc(len);
        readSync(fd, data, 0, len, pos + 60);
        return { name, data };
      }
      pos += 60 + len + (len % 2);
    }
    throw new VigilError('E_ARCHIVE', `${path}: no control.tar member`, { file: path });
  } finally {
    closeSync(fd);
  }
}

/** The text of `./control` inside a control tarball. */
export async function controlFromTar(tarBytes: Buffer, what: string): Promise<string> {
  const extract = tar.extract();
  Readable.from([tarBytes]).pipe(extract);
  let n = 0;
  let found: string | undefined;
  for await (const entry of extract) {
    if (++n > MAX_TAR_ENTRIES) throw new VigilError('E_ARCHIVE_LIMIT', `${what}: more than ${MAX_TAR_ENTRIES} entries`);
    const name = entry.header.name.replace(/^\.\//, '');
    if (name === 'control' && entry.header.type === 'file' && found === undefined) {
      if ((entry.header.size ?? 0) > MAX_CONTROL_FILE) throw new VigilError('E_ARCHIVE_LIMIT', `${what}: control file too large`);
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      found = Buffer.concat(parts).toString('utf8');
    } else {
      entry.resume();
    }
  }
  if (found === undefined) throw new VigilError('E_ARCHIVE', `${what}: control.tar has no ./control file`);
  return found;
}

export async function readDebFile(path: string): Promise<DebPackage> {
  const { name, data } = readControlMember(path);
  const tarBytes = await decompressByName(name, data, MAX_CONTROL_TAR);
  const text = await controlFromTar(tarBytes, `${path}:${name}`);
  const stanza = parseControl(text)[0];
  if (!stanza) throw new VigilError('E_ARCHIVE', `${path}: empty control file`, { file: path });
  const p = stanzaToPackage(stanza, path);
  if (typeof p === 'string') throw new VigilError('E_MANIFEST_PARSE', `${path}: control: ${p}`, { file: path, line: stanza.line });
  return { ...p, state: 'installed' };
}

/** A set of .deb files → Inventory (as if installed together); unreadable files become Problems. */
export async function debFilesInventory(paths: string[], opts: DebInventoryOptions = {}): Promise<Inventory> {
  const pkgs: DebPackage[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    try {
      pkgs.push(await readDebFile(p));
    } catch (e) {
      problems.push({ ...toProblem(e, p), file: p });
    }
  }
  const inv = buildDebInventory(pkgs, { unmet: 'summary', ...opts, format: 'deb' });
  inv.sources = paths.map((file) => ({ file, format: '.deb package' }));
  inv.problems.unshift(...problems);
  for (const c of inv.components) c.meta = { ...c.meta, file: basename(c.locations[0]?.file ?? '') };
  return inv;
}
