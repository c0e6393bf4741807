/**
 * Map OSV ecosystems to component ecosystems and version schemes. Only npm and the dpkg family are
 * ordered; anything else is kept and matched by exact version (via purl) only.
 */
import type { VersionScheme } from './model.js';

export interface EcosystemInfo {
  kind: string;
  scheme: VersionScheme;
  distro?: string;
  release?: string;
  supported: boolean;
}

const DPKG_DISTROS: Record<string, string> = { Debian: 'debian', Ubuntu: 'ubuntu' };

export function ecosystemInfo(ecosystem: string): EcosystemInfo {
  if (ecosystem === 'npm') return { kind: 'npm', scheme: 'semver', supported: true };
  const [base = '', release] = splitOnce(ecosystem, ':');
  const distro = DPKG_DISTROS[base];
  if (distro) return { kind: 'deb', scheme: 'dpkg', distro, release: release || undefined, supported: true };
  return { kind: ecosystem.toLowerCase() || 'generic', scheme: 'other', supported: false };
}

/** Ecosystem from a purl type when the record gives only a purl. */
export function ecosystemFromPurlType(type: string, namespace?: string): string {
  if (type === 'npm') return 'npm';
  if (type === 'deb' && namespace === 'debian') return 'Debian';
  if (type === 'deb' && namespace === 'ubuntu') return 'Ubuntu';
  return '';
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}
