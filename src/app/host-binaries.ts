/**
 * The ELF files of a host's .deb packages: those given on the command line, or (with
 * `--binaries`) the cached archives of the installed versions in ROOT/var/cache/apt/archives.
 * Each .deb is read through the archive layer and analysed by the binary analyzer.
 */
import type { ArchiveLimits } from '../sources/archive/limits.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { toProblem } from '../core/errors.js';
import type { Finding, Inventory, Problem } from '../core/types.js';
import { readArchive } from '../sources/archive/read-archive.js';
import { debSubject } from '../sources/archive/deb-control.js';
import { analyzeBinaries } from '../analyzers/binary/package.js';
import type { BinaryFacts } from '../analyzers/binary/facts.js';

export const APT_CACHE = 'var/cache/apt/archives';

/** `NAME_VERSION_ARCH.deb` files of ROOT's apt cache whose name, version and arch are installed. */
export function cachedDebsFor(root: string, inv: Inventory): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, APT_CACHE)).filter((n) => n.endsWith('.deb'));
  } catch {
    return [];
  }
  const installed = new Set(
    inv.components.filter((c) => c.ecosystem === 'deb').map((c) => `${c.name}_${c.version}_${String(c.meta?.arch ?? '')}`),
  );
  return names.filter((n) => installed.has(decodeURIComponent(n.slice(0, -4)))).map((n) => join(root, APT_CACHE, n));
}

export interface HostBinaries {
  findings: Finding[];
  problems: Problem[];
  facts: Record<string, BinaryFacts>;
  debs: number;
}

export async function analyzeHostDebs(paths: string[], limits?: Partial<ArchiveLimits>): Promise<HostBinaries> {
  const out: HostBinaries = { findings: [], problems: [], facts: {}, debs: 0 };
  for (const p of paths) {
    try {
      const files = await readArchive(p, { origin: p, ...(limits ? { limits } : {}) });
      const { subject } = debSubject(files, p);
      const r = analyzeBinaries(files, { subject, ecosystem: 'deb' });
      out.debs++;
      out.findings.push(...r.findings);
      out.problems.push(...r.problems, ...(files.problems ?? []));
      if (r.facts.files.length || r.facts.unreadable.length) out.facts[subject] = r.facts;
    } catch (e) {
      out.problems.push({ ...toProblem(e, p), file: p });
    }
  }
  return out;
}
