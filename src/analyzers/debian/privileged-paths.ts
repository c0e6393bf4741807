/**
 * Shared-library paths from privileged services to the packages they load, over the installed
 * package graph (Inventory edges): breadth-first from the service's package, following only
 * edges into library packages (Section `libs`/`oldlibs`, or a `lib…` name that is not a -bin,
 * -dev, -common, -data, -doc, -utils or -tools package). Each library keeps its shortest path.
 */
import type { Inventory, InventoryComponent } from '../../core/types.js';
import { PRIVILEGED_SERVICES, type PrivilegedService } from './privileged-services.js';

export interface LibraryOnPath {
  name: string;
  purl: string;
  source: string;
  /** Package names from the service's package to this library, both included. */
  path: string[];
  /** Set when ELF DT_NEEDED of the installed binaries confirmed it (rootfs scans only). */
  elf?: { confirmed: boolean; soname?: string; via?: string[] };
}

export interface PrivilegedPathFact {
  service: string;
  exposure: PrivilegedService['exposure'];
  why: string;
  package: string;
  purl: string;
  libraries: LibraryOnPath[];
  /** ELF confirmation, when the scan had a root filesystem (see elf-confirm.ts). */
  elf?: { binaries: string[]; elfOnly: { package: string; soname: string; via: string[] }[]; unresolved: string[]; note?: string };
}

const NOT_LIB = /-(bin|dev|common|data|doc|utils|tools|progs|locales|dbg|runtime|base)$/;

/** Shared-library package by name and Section (the heuristic is documented at the top of this file). */
export function isLibraryName(name: string, section: string): boolean {
  if (NOT_LIB.test(name)) return false;
  if (/(^|\/)(libs|oldlibs)$/.test(section)) return true;
  return name.startsWith('lib') && !/(^|\/)(perl|python|java|ruby|javascript|doc|devel|libdevel)$/.test(section);
}

export const isLibraryPackage = (c: InventoryComponent): boolean => isLibraryName(c.name, String(c.meta?.section ?? ''));

export function computePrivilegedPaths(inv: Inventory, services: PrivilegedService[] = PRIVILEGED_SERVICES): PrivilegedPathFact[] {
  const byPurl = new Map(inv.components.map((c) => [c.purl, c] as const));
  const out = new Map<string, string[]>();
  for (const e of inv.edges) {
    if (e.from.startsWith('root:')) continue;
    (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
  }
  const facts: PrivilegedPathFact[] = [];
  for (const svc of services) {
    // The first listed package name that is installed (e.g. `dbus-daemon` before the `dbus` metapackage).
    const name = svc.packages.find((n) => inv.components.some((c) => c.ecosystem === 'deb' && c.name === n));
    for (const start of inv.components.filter((c) => c.ecosystem === 'deb' && c.name === name)) {
      const prev = new Map<string, string>();
      const seen = new Set([start.purl]);
      const queue = [start.purl];
      const libs: LibraryOnPath[] = [];
      while (queue.length) {
        const cur = queue.shift()!;
        for (const to of out.get(cur) ?? []) {
          const c = byPurl.get(to);
          if (!c || seen.has(to) || !isLibraryPackage(c)) continue;
          seen.add(to);
          prev.set(to, cur);
          queue.push(to);
          const path: string[] = [];
          for (let p: string | undefined = to; p; p = prev.get(p)) path.unshift(byPurl.get(p)?.name ?? p);
          libs.push({ name: c.name, purl: c.purl, source: String(c.meta?.source ?? c.name), path });
        }
      }
      facts.push({ service: svc.id, exposure: svc.exposure, why: svc.why, package: start.name, purl: start.purl, libraries: libs });
    }
  }
  return facts;
}
