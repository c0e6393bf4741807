/**
 * Prebuilt platform packages: a manifest that restricts `os` or `cpu` ships a binary for one
 * platform (`@img/sharp-linux-x64`, `@esbuild/darwin-arm64`); new binaries are what it is for.
 */
import type { VersionManifest } from '../../sources/npm/types.js';

const listed = (v: unknown): boolean => Array.isArray(v) && v.some((x) => typeof x === 'string' && !x.startsWith('!'));

export function isPlatformPackage(m: VersionManifest | undefined): boolean {
  return !!m && (listed(m.raw.os) || listed(m.raw.cpu));
}
