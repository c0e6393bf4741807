/**
 * Confirms package-level privileged paths with the ELF DT_NEEDED closure of the services' installed
 * binaries (root filesystem scans only). Marks each library `elf.confirmed` and records libraries
 * the binaries load that the package graph did not show.
 */
import { PRIVILEGED_SERVICES } from './privileged-services.js';
import { dpkgFileOwners, elfClosure, findBinary } from './elf-closure.js';
import type { PrivilegedPathFact } from './privileged-paths.js';

export interface ElfFact {
  binaries: string[];
  /** Packages loaded per DT_NEEDED that are not on the package-level path. */
  elfOnly: { package: string; soname: string; via: string[] }[];
  unresolved: string[];
  note?: string;
}

export function confirmWithElf(facts: PrivilegedPathFact[], root: string, arch: string): void {
  const wanted = facts.flatMap((f) => PRIVILEGED_SERVICES.find((s) => s.id === f.service)?.binaries ?? []);
  if (!facts.length) return;
  const owners = dpkgFileOwners(root, new Set(wanted));
  for (const f of facts) {
    const svc = PRIVILEGED_SERVICES.find((s) => s.id === f.service);
    const elf: ElfFact = { binaries: [], elfOnly: [], unresolved: [] };
    const loaded = new Map<string, { soname: string; via: string[] }>();
    for (const b of svc?.binaries ?? []) {
      const path = findBinary(root, [b]);
      const c = path ? elfClosure(root, path, arch, owners) : undefined;
      if (!c) continue;
      elf.binaries.push(path!);
      elf.unresolved.push(...c.unresolved);
      for (const l of c.libraries) if (l.package && !loaded.has(l.package)) loaded.set(l.package, { soname: l.soname, via: l.via });
    }
    if (!elf.binaries.length) {
      elf.note = `none of ${svc?.binaries.join(', ')} is an ELF file in this root filesystem`;
      f.elf = elf;
      continue;
    }
    for (const lib of f.libraries) {
      const hit = loaded.get(lib.name);
      lib.elf = { confirmed: !!hit, soname: hit?.soname, via: hit?.via };
    }
    const onPath = new Set(f.libraries.map((l) => l.name));
    for (const [pkg, v] of loaded) if (!onPath.has(pkg) && pkg !== f.package) elf.elfOnly.push({ package: pkg, ...v });
    f.elf = elf;
  }
}
