/** purl helpers over packageurl-js: the identity of every component. */
import { PackageURL } from 'packageurl-js';
import type { Component } from './types.js';

export function npmPurl(name: string, version: string): string {
  const at = name.startsWith('@') ? name.indexOf('/') : -1;
  const namespace = at > 0 ? name.slice(0, at) : undefined;
  const bare = at > 0 ? name.slice(at + 1) : name;
  return new PackageURL('npm', namespace, bare, version || undefined, undefined, undefined).toString();
}

export function debPurl(name: string, version: string, arch?: string, distro = 'debian'): string {
  return new PackageURL('deb', distro, name, version || undefined, arch ? { arch } : undefined, undefined).toString();
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
  const p = PackageURL.fromString(purl);
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
  const p = PackageURL.fromString(purl);
  return new PackageURL(p.type, p.namespace, p.name, undefined, undefined, undefined).toString();
}
