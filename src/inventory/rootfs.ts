/**
 * A root filesystem folder (a mounted image, a container export, `/`): its dpkg status, its
 * os-release (purl namespace, codename), its apt sources and apt's manual/auto marks (roots).
 * Files are read only when their real path stays inside the root, so an absolute symlink in an
 * image never makes vigil read the scanning machine's own files.
 */
import { join } from 'node:path';
import { VigilError } from '../core/errors.js';
import type { Inventory, Problem } from '../core/types.js';
import { readAptSources, type AptSource } from '../formats/debian/apt-sources.js';
import { parseControl } from '../formats/debian/control.js';
import { readInside } from '../formats/debian/fs-inside.js';
import { buildDebInventory } from '../formats/debian/installed-graph.js';
import type { DebPackage } from '../formats/debian/types.js';
import { parseDpkgStatus } from './dpkg-status.js';

export interface RootfsInfo {
  root: string;
  statusFile: string;
  osRelease: Record<string, string>;
  /** purl namespace: os-release ID (`debian`, `ubuntu`...). */
  distro: string;
  codename?: string;
  apt: AptSource[];
}

export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2]!.trim();
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(["'\\$`])/g, '$1');
    out[m[1]!] = v;
  }
  return out;
}

/** Names of packages apt marked as automatically installed (`var/lib/apt/extended_states`). */
export function parseExtendedStates(text: string): Set<string> {
  const auto = new Set<string>();
  for (const s of parseControl(text)) if (s.fields.package && s.fields['auto-installed'] === '1') auto.add(s.fields.package);
  return auto;
}

export function readRootfs(root: string): { inventory: Inventory; packages: DebPackage[]; info: RootfsInfo } {
  const statusRel = 'var/lib/dpkg/status';
  const statusFile = join(root, statusRel);
  const text = readInside(root, statusRel);
  if (text === undefined) {
    throw new VigilError('E_INPUT_NOT_FOUND', `${statusFile}: no dpkg status file inside this root filesystem`, {
      file: statusFile,
      hint: 'pass a Debian root filesystem, a status file, or .deb files',
    });
  }
  const osRelease = parseOsRelease(readInside(root, 'etc/os-release') ?? readInside(root, 'usr/lib/os-release') ?? '');
  const problems: Problem[] = [];
  const { sources: apt, problems: aptProblems } = readAptSources(root);
  problems.push(...aptProblems);
  const { packages, problems: parseProblems } = parseDpkgStatus(text, statusFile);
  const ext = readInside(root, 'var/lib/apt/extended_states');
  const auto = ext !== undefined ? parseExtendedStates(ext) : undefined;
  const manual = auto ? new Set(packages.filter((p) => !auto.has(p.name)).map((p) => p.name)) : undefined;
  const distro = (osRelease.ID ?? 'debian').toLowerCase();
  const inventory = buildDebInventory(packages, {
    distro,
    manual,
    rootName: osRelease.PRETTY_NAME ?? root,
    format: 'dpkg-status',
    file: statusFile,
  });
  inventory.problems.unshift(...parseProblems, ...problems);
  return { inventory, packages, info: { root, statusFile, osRelease, distro, codename: osRelease.VERSION_CODENAME, apt } };
}
