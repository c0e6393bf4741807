/** purl helpers over packageurl-js: the identity of every component. */
import { createRequire } from 'node:module';
import type { PackageURL as PackageURLClass } from 'packageurl-js';

let lib: typeof PackageURLClass | undefined;
/** packageurl-js, loaded on first use: the common npm purl is built without it (a guarded install never needs it). */
const PackageURL = (): typeof PackageURLClass =>
  (lib ??= (createRequire(import.meta.url)('packageurl-js') as { PackageURL: typeof PackageURLClass }).PackageURL);
import type { Component } from './types.js';

/** Name, scope and version characters that packageurl-js leaves as they are (lower case: npm names are). */
const PLAIN = /^[a-z0-9._-]+$/;
const PLAIN_VERSION = /^[A-Za-z0-9._-]+$/;

export function npmPurl(name: string, version: string): string {
  const at = name.startsWith('@') ? name.indexOf('/') : -1;
  const namespace = at > 0 ? name.slice(0, at) : undefined;
  const bare = at > 0 ? name.slice(at + 1) : name;
  // The common case spelled out (a lockfile has thousands): the same string packageurl-js builds.
  if (PLAIN.test(bare) && (!namespace || PLAIN.test(namespace.slice(1))) && PLAIN_VERSION.test(version))
    return `pkg:npm/${namespace ? `%40${namespace.slice(1)}/` : ''}${bare}@${version}`;
  return new (PackageURL())('npm', namespace, bare, version || undefined, undefined, undefined).toString();
}

export function debPurl(name: string, version: string, arch?: string, distro = 'debian'): string {
  return new (PackageURL())('deb', distro, name, version || undefined, arch ? { arch } : undefined, undefined).toString();
}

export function npmComponent(name: string, version: string): Component {
  return { purl: npmPurl(name, version), ecosystem: 'npm', name, version };
}

export interface ParsedPurl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string>;
  /** Ecosystem-style full name (npm: `@scope/name`). */
  fullName: string;
}

export function parsePurl(purl: string): ParsedPurl {
  const p = PackageURL().fromString(purl);
  const fullName = p.type === 'npm' && p.namespace ? `${p.namespace}/${p.name}` : p.name;
  return {
    type: p.type,
    namespace: p.namespace ?? undefined,
    name: p.name,
    version: p.version ?? undefined,
    qualifiers: p.qualifiers ? { ...p.qualifiers } : undefined,
    fullName,
  };
}

/** purl without version (and qualifiers): the identity of a package across versions. */
export function purlWithoutVersion(purl: string): string {
  const p = PackageURL().fromString(purl);
  return new (PackageURL())(p.type, p.namespace, p.name, undefined, undefined, undefined).toString();
}
