/**
 * Manifest-level changes between two releases: dependencies (added, removed, changed, moved to a
 * git/http/file source) and install scripts (added, changed — with the text before and after).
 */
import npa from 'npm-package-arg';
import type { Evidence } from '../../core/types.js';
import type { DependencyDelta, Signal } from './types.js';
import { WEIGHTS } from './weights.js';

/** The parts of a package.json this module reads (from the packument or the tarball). */
export interface ManifestLike {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

export const INSTALL_EVENTS = ['preinstall', 'install', 'postinstall'] as const;

/** Dependencies npm installs for consumers (prod + optional; optional overrides prod, as in npm). */
export function runtimeDeps(m: ManifestLike | undefined): Record<string, string> {
  return { ...(m?.dependencies ?? {}), ...(m?.optionalDependencies ?? {}) };
}

export function dependencyDelta(prev: ManifestLike | undefined, cur: ManifestLike | undefined): DependencyDelta {
  const a = runtimeDeps(prev);
  const b = runtimeDeps(cur);
  const d: DependencyDelta = { added: {}, removed: {}, changed: {} };
  for (const [n, s] of Object.entries(b)) {
    if (!(n in a)) d.added[n] = s;
    else if (a[n] !== s) d.changed[n] = { from: a[n] as string, to: s };
  }
  for (const [n, s] of Object.entries(a)) if (!(n in b)) d.removed[n] = s;
  return d;
}

/** git / remote (http tarball) / file, or undefined for a registry range, tag or alias. */
export function remoteSpecKind(name: string, spec: string): 'git' | 'remote' | 'file' | undefined {
  try {
    const t = npa.resolve(name, spec).type;
    return t === 'git' ? 'git' : t === 'remote' ? 'remote' : t === 'file' || t === 'directory' ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

export function dependencySignals(d: DependencyDelta, where: string, bump?: string): Signal[] {
  const out: Signal[] = [];
  const weight = bump === 'major' ? WEIGHTS.newDependencyMajor : bump === 'patch' ? WEIGHTS.newDependencyPatch : WEIGHTS.newDependencyMinor;
  for (const [name, spec] of Object.entries(d.added).sort()) {
    const remote = remoteSpecKind(name, spec);
    out.push(remote
      ? { rule: 'release-diff/remote-dependency', weight: WEIGHTS.remoteDependency, source: 'content', title: `new dependency ${name} from a ${remote} source: ${spec}`, evidence: [depEv(name, undefined, spec, where)] }
      : { rule: 'release-diff/new-dependency', weight, source: 'content', title: `new dependency ${name}@${spec}`, evidence: [depEv(name, undefined, spec, where)] });
  }
  for (const [name, { from, to }] of Object.entries(d.changed).sort()) {
    const remote = remoteSpecKind(name, to);
    if (remote && !remoteSpecKind(name, from)) {
      out.push({ rule: 'release-diff/remote-dependency', weight: WEIGHTS.remoteDependency, source: 'content', title: `dependency ${name} moved from the registry (${from}) to a ${remote} source: ${to}`, evidence: [depEv(name, from, to, where)] });
    }
  }
  return out;
}

function depEv(name: string, before: string | undefined, after: string, where: string): Evidence {
  return { kind: 'metadata', label: `dependency ${name}`, field: `dependencies.${name}`, file: where, ...(before !== undefined ? { before } : {}), after, excerpt: `"${name}": "${after}"` };
}

/** Install scripts added or changed, with the text before and after. */
export function installScriptSignals(prev: Record<string, string> | undefined, cur: Record<string, string> | undefined, files: Record<string, string[]> = {}): Signal[] {
  const out: Signal[] = [];
  for (const ev of INSTALL_EVENTS) {
    const a = prev?.[ev];
    const b = cur?.[ev];
    if (b === undefined || a === b) continue;
    const runs = files[ev]?.length ? ` (runs ${files[ev]?.join(', ')})` : '';
    const evidence: Evidence[] = [{ kind: 'file', label: `scripts.${ev}`, file: 'package.json', field: `scripts.${ev}`, before: a ?? null, after: b, excerpt: b.slice(0, 200) }];
    out.push(a === undefined
      ? { rule: 'release-diff/install-script-added', weight: WEIGHTS.installScriptAdded, source: 'content', title: `new ${ev} script: ${b.slice(0, 80)}${runs}`, evidence }
      : { rule: 'release-diff/install-script-changed', weight: WEIGHTS.installScriptChanged, source: 'content', title: `${ev} script changed: "${a.slice(0, 60)}" → "${b.slice(0, 60)}"${runs}`, evidence });
  }
  return out;
}
