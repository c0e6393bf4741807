/**
 * Collect the inventories of a fleet: files and folders (walked; node_modules and dot folders
 * skipped). Each file any extractor recognises becomes one target labelled by its path relative to
 * the folder given; renamed files are recognised by content (SBOM JSON, lockfile headers, dpkg
 * stanzas). Files that cannot be read become Problems; the rest go on.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { VigilError, toProblem } from '../../core/errors.js';
import type { Problem } from '../../core/types.js';
import type { Extractor } from '../../inventory/types.js';
import { dpkgStatusExtractor } from '../../inventory/dpkg-status.js';
import { EXTRACTORS } from '../../inventory/registry.js';
import { sniff } from '../../inventory/detect.js';
import type { AffectedTarget } from './affected.js';

/** Every registered extractor except bare package.json: a fleet answer needs locked versions. */
export const FLEET_EXTRACTORS: Extractor[] = EXTRACTORS.filter((e) => e.id !== 'package-json');

export interface CollectOptions {
  extractors?: Extractor[];
  maxFiles?: number;
  maxFileBytes?: number;
  /** Relative paths resolve against this (default: the process cwd); labels keep the path as given. */
  cwd?: string;
}

export interface Collected {
  targets: AffectedTarget[];
  problems: Problem[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const HEAD_BYTES = 4096;

/** A dpkg status file under any name (`web-01.status`, `status-host3`): stanzas with Package and Status. */
const looksLikeDpkgStatus = (head: string): boolean => /^Package: /m.test(head) && /^Status: /m.test(head);

async function readHead(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

export async function collectInventories(paths: string[], opts: CollectOptions = {}): Promise<Collected> {
  const extractors = opts.extractors ?? FLEET_EXTRACTORS;
  const out: Collected = { targets: [], problems: [] };
  const files: { path: string; label: string; explicit: boolean }[] = [];
  for (const p of paths) {
    const abs = resolve(opts.cwd ?? process.cwd(), p);
    let st;
    try {
      st = await stat(abs);
    } catch (cause) {
      throw new VigilError('E_INPUT_NOT_FOUND', `${p}: no such file or folder`, { file: p, cause });
    }
    if (st.isDirectory()) await walk(abs, abs, paths.length > 1 ? p : '', files, 0, opts.maxFiles ?? 100_000);
    else files.push({ path: abs, label: p, explicit: true });
  }
  for (const f of files) {
    try {
      const st = await stat(f.path);
      if (st.size > (opts.maxFileBytes ?? 512 * 1024 * 1024)) {
        out.problems.push({
          code: 'E_UNSUPPORTED',
          message: `${f.label}: ${st.size} bytes, too large to read as an inventory`,
          file: f.label,
        });
        continue;
      }
      const head = await readHead(f.path);
      const sniffed = sniff(head);
      const ex =
        extractors.find((e) => e.detect(f.path, head)) ??
        extractors.find((e) => e.id === sniffed) ??
        (looksLikeDpkgStatus(head) ? dpkgStatusExtractor : undefined);
      if (!ex) {
        if (f.explicit)
          out.problems.push({
            code: 'E_NO_INVENTORY',
            message: `${f.label}: not a lockfile, SBOM or dpkg status file vigil reads`,
            file: f.label,
          });
        continue;
      }
      const text = await readFile(f.path, 'utf8');
      const inventory = await ex.extract({ path: f.path, displayPath: f.label, text }, {});
      out.targets.push({ label: f.label, inventory });
      out.problems.push(...inventory.problems);
    } catch (e) {
      out.problems.push({ ...toProblem(e, f.label), file: f.label });
    }
  }
  return out;
}

async function walk(
  root: string,
  dir: string,
  prefix: string,
  out: { path: string; label: string; explicit: boolean }[],
  depth: number,
  max: number,
): Promise<void> {
  if (depth > 24) return;
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const d of entries) {
    if (d.name.startsWith('.') || SKIP_DIRS.has(d.name)) continue;
    const p = join(dir, d.name);
    if (d.isDirectory()) await walk(root, p, prefix, out, depth + 1, max);
    else if (d.isFile()) {
      if (out.length >= max) throw new VigilError('E_ARCHIVE_LIMIT', `${root}: more than ${max} files`, { file: root });
      if (basename(p) === 'package.json') continue;
      out.push({ path: p, label: join(prefix, relative(root, p) || basename(p)), explicit: false });
    }
  }
}
