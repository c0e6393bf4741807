/** What the engine needs from the outside world; real implementations are wired in scan.ts. */
import type { Packument } from '../sources/npm/types.js';
import type { PackageFiles } from '../sources/archive/types.js';
import type { SourcePolicy } from '../sources/npm/source-policy.js';

export interface NpmSource {
  registryUrl(name: string): string;
  getPackument(name: string): Promise<Packument>;
  getTarball(
    name: string,
    version: string,
    opts: { resolved?: string; integrity?: string },
  ): Promise<{ bytes: Buffer; integrity: string; fromCache: boolean }>;
  /** Hosts lockfile URLs may be fetched from (configured registries, --allow-host). */
  sourcePolicy?: SourcePolicy;
}

export type ReadPackage = (bytes: Buffer, origin: string) => Promise<PackageFiles>;
