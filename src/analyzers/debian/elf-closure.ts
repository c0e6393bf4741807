/**
 * The shared libraries a binary of a root filesystem really loads at start-up: DT_NEEDED
 * closure resolved like ld.so does by default (RPATH when there is no RUNPATH, RUNPATH, then the
 * multiarch and plain lib directories; `$ORIGIN` expanded), mapped to the dpkg packages that own
 * the files (`var/lib/dpkg/info/*.list`). Reads files only inside the root; never executes them.
 * dlopen()ed modules (PAM, NSS) are invisible here: the package graph covers them.
 */
import { dirname, posix } from 'node:path';
import { listInside, readInside, resolveInside } from '../../formats/debian/fs-inside.js';
import { readElfDynamic } from './elf.js';

const TRIPLETS: Record<string, string> = {
  amd64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  i386: 'i386-linux-gnu',
  armhf: 'arm-linux-gnueabihf',
  armel: 'arm-linux-gnueabi',
  ppc64el: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
  mips64el: 'mips64el-linux-gnuabi64',
  loong64: 'loongarch64-linux-gnu',
};
const MAX_LIBS = 500;

/** `/usr/lib/x` and `/lib/x` are the same file on merged-/usr systems: one key for both. */
export const canonicalPath = (p: string): string => posix.normalize(p).replace(/^\/usr\/(lib|lib32|lib64|libx32|bin|sbin)\//, '/$1/');

/** Path → owning package, from dpkg's file lists (only shared objects and the given extra paths). */
export function dpkgFileOwners(root: string, extra: ReadonlySet<string> = new Set()): Map<string, string> {
  const owners = new Map<string, string>();
  const extraCanon = new Set([...extra].map(canonicalPath));
  for (const n of listInside(root, 'var/lib/dpkg/info')) {
    if (!n.endsWith('.list')) continue;
    const pkg = n.slice(0, -5).split(':')[0]!;
    const text = readInside(root, `var/lib/dpkg/info/${n}`) ?? '';
    for (const line of text.split('\n')) {
      if (!line) continue;
      const c = canonicalPath(line);
      if (line.includes('.so') || extraCanon.has(c)) owners.set(c, pkg);
    }
  }
  return owners;
}

export interface ElfLibrary {
  soname: string;
  /** Path inside the root where it was found. */
  file?: string;
  package?: string;
  /** sonames from the binary to this library. */
  via: string[];
}

export interface ElfClosure {
  binary: string;
  package?: string;
  libraries: ElfLibrary[];
  /** sonames that could not be found in the search path. */
  unresolved: string[];
}

/** The first of `candidates` (absolute paths inside the root) that exists as an ELF file. */
export function findBinary(root: string, candidates: string[]): string | undefined {
  for (const c of candidates) {
    for (const p of new Set([c, c.replace(/^\/usr\//, '/'), c.startsWith('/usr/') ? c : `/usr${c}`])) {
      if (resolveInside(root, p.slice(1))) return p;
    }
  }
  return undefined;
}

export function elfClosure(root: string, binary: string, arch: string, owners: Map<string, string>): ElfClosure | undefined {
  const triplet = TRIPLETS[arch];
  const defaults = [...(triplet ? [`/lib/${triplet}`, `/usr/lib/${triplet}`] : []), '/lib', '/usr/lib', '/lib64', '/usr/lib64'];
  const first = readElfDynamic(resolveInside(root, binary.slice(1)) ?? '');
  if (!first) return undefined;
  const out: ElfClosure = { binary, package: owners.get(canonicalPath(binary)), libraries: [], unresolved: [] };
  const seen = new Set<string>();
  const queue: { soname: string; via: string[]; fromDir: string; runpath: string[]; rpath: string[] }[] = first.needed.map((s) => ({
    soname: s,
    via: [],
    fromDir: dirname(binary),
    runpath: first.runpath,
    rpath: first.rpath,
  }));
  while (queue.length && out.libraries.length < MAX_LIBS) {
    const q = queue.shift()!;
    if (seen.has(q.soname)) continue;
    seen.add(q.soname);
    const expand = (d: string) => d.replace(/\$(ORIGIN|\{ORIGIN\})/g, q.fromDir);
    const dirs = [...(q.runpath.length ? [] : q.rpath.map(expand)), ...q.runpath.map(expand), ...defaults];
    const file = q.soname.includes('/') ? q.soname : dirs.map((d) => posix.join(d, q.soname)).find((p) => resolveInside(root, p.slice(1)));
    if (!file) {
      out.unresolved.push(q.soname);
      continue;
    }
    const via = [...q.via, q.soname];
    out.libraries.push({ soname: q.soname, file, package: owners.get(canonicalPath(file)), via });
    const dyn = readElfDynamic(resolveInside(root, file.slice(1)) ?? '');
    for (const n of dyn?.needed ?? []) queue.push({ soname: n, via, fromDir: dirname(file), runpath: dyn!.runpath, rpath: dyn!.rpath });
  }
  return out;
}
