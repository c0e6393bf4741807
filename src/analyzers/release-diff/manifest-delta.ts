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

const scopeOf = (name: string): string | undefined => (name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined);

/** Scopes the previous release already depended on (owned by the same people: only they publish there). */
export function knownScopes(prev: ManifestLike | undefined): Set<string> {
  return new Set(
    Object.keys(runtimeDeps(prev))
      .map(scopeOf)
      .filter((s): s is string => s !== undefined),
  );
}

export function dependencySignals(d: DependencyDelta, where: string, bump?: string, scopes: Set<string> = new Set()): Signal[] {
  const out: Signal[] = [];
  const weight = bump === 'major' ? WEIGHTS.newDependencyMajor : bump === 'patch' ? WEIGHTS.newDependencyPatch : WEIGHTS.newDependencyMinor;
  for (const [name, spec] of Object.entries(d.added).sort()) {
    const remote = remoteSpecKind(name, spec);
    const scope = scopeOf(name);
    const sibling = scope !== undefined && scopes.has(scope);
    out.push(
      remote
        ? {
            rule: 'release-diff/remote-dependency',
            weight: WEIGHTS.remoteDependency,
            source: 'content',
            title: `new dependency ${name} from a ${remote} source: ${spec}`,
            evidence: [depEv(name, undefined, spec, where)],
          }
        : {
            rule: 'release-diff/new-dependency',
            weight: sibling ? WEIGHTS.newDependencySameScope : weight,
            source: 'content',
            title: `new dependency ${name}@${spec}${sibling ? ` (scope ${scope} was already a dependency)` : ''}`,
            evidence: [depEv(name, undefined, spec, where)],
          },
    );
  }
  for (const [name, { from, to }] of Object.entries(d.changed).sort()) {
    const remote = remoteSpecKind(name, to);
    if (remote && !remoteSpecKind(name, from)) {
      out.push({
        rule: 'release-diff/remote-dependency',
        weight: WEIGHTS.remoteDependency,
        source: 'content',
        title: `dependency ${name} moved from the registry (${from}) to a ${remote} source: ${to}`,
        evidence: [depEv(name, from, to, where)],
      });
    }
  }
  return out;
}

function depEv(name: string, before: string | undefined, after: string, where: string): Evidence {
  return {
    kind: 'metadata',
    label: `dependency ${name}`,
    field: `dependencies.${name}`,
    file: where,
    ...(before !== undefined ? { before } : {}),
    after,
    excerpt: `"${name}": "${after}"`,
  };
}

/** Install scripts added or changed, with the text before and after. */
/** `allScripts`: every script of the new manifest (what `npm run X` in a fallback may name). */
export function installScriptSignals(
  prev: Record<string, string> | undefined,
  cur: Record<string, string> | undefined,
  files: Record<string, string[]> = {},
  allScripts: Record<string, string> = cur ?? {},
): Signal[] {
  const out: Signal[] = [];
  for (const ev of INSTALL_EVENTS) {
    const a = prev?.[ev];
    const b = cur?.[ev];
    if (b === undefined || a === b) continue;
    const runs = files[ev]?.length ? ` (runs ${files[ev]?.join(', ')})` : '';
    const evidence: Evidence[] = [
      {
        kind: 'file',
        label: `scripts.${ev}`,
        file: 'package.json',
        field: `scripts.${ev}`,
        before: a ?? null,
        after: b,
        excerpt: b.slice(0, 200),
      },
    ];
    const fallback = a !== undefined && isOwnFallback(a, b, allScripts);
    out.push(
      a === undefined
        ? {
            rule: 'release-diff/install-script-added',
            weight: WEIGHTS.installScriptAdded,
            source: 'content',
            title: `new ${ev} script: ${b.slice(0, 80)}${runs}`,
            evidence,
          }
        : {
            rule: 'release-diff/install-script-changed',
            weight: fallback ? WEIGHTS.installScriptFallback : WEIGHTS.installScriptChanged,
            source: 'content',
            title: `${ev} script changed: "${a.slice(0, 60)}" → "${b.slice(0, 60)}"${fallback ? " (a fallback to the package's own build)" : ''}${runs}`,
            evidence,
          },
    );
  }
  return out;
}

/** A native build or one of the package's own scripts: nothing fetched, nothing new run. */
const OWN_BUILD = /^(?:node-gyp(?:-build)? rebuild|prebuild-install|npm run ([\w:.-]+)|npm run-script ([\w:.-]+))$/;

/**
 * `new` keeps `old` as its first command and only adds `|| FALLBACK`, where every fallback is a
 * native build or `npm run X` of a script this manifest defines.
 */
export function isOwnFallback(old: string, next: string, scripts: Record<string, string>): boolean {
  const o = old.trim();
  const n = next.trim();
  if (!n.startsWith(o) || n === o) return false;
  const rest = n.slice(o.length).trim();
  if (!rest.startsWith('||')) return false;
  return rest
    .slice(2)
    .split('||')
    .every((part) => {
      const m = OWN_BUILD.exec(part.trim());
      if (!m) return false;
      const script = m[1] ?? m[2];
      return (
        script === undefined || (Object.hasOwn(scripts, script) && !INSTALL_EVENTS.includes(script as (typeof INSTALL_EVENTS)[number]))
      );
    });
}
