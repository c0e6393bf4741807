/** What the engine needs from the outside world; real implementations are wired in scan.ts. */
import type { Packument } from '../sources/npm/types.js';
import type { PackageFiles } from '../sources/archive/types.js';
import type { SourcePolicy } from '../sources/npm/source-policy.js';
import type { Readable } from 'node:stream';

export interface NpmSource {
  registryUrl(name: string): string;
  getPackument(name: string): Promise<Packument>;
  /** Stores a packument ahead of its reader (packument-prefetch.ts); settles whatever happened, failures left to the reader. */
  prefetchPackument?(name: string): Promise<void>;
  getTarball(
    name: string,
    version: string,
    opts: { resolved?: string; integrity?: string },
  ): Promise<{ bytes: Buffer; integrity: string; fromCache: boolean }>;
  /**
   * The release's files, read from the download as it arrives when it is large (its compressed
   * bytes never held whole), and returned once its integrity is verified. Without it, getTarball and
   * ReadPackage are used.
   */
  getTarballFiles?(
    name: string,
    version: string,
    opts: { resolved?: string; integrity?: string },
    read: { bytes: ReadPackage; stream: ReadPackageStream; origin: string },
  ): Promise<{ files: PackageFiles; integrity: string; fromCache: boolean }>;
  /** Hosts lockfile URLs may be fetched from (configured registries, --allow-host). */
  sourcePolicy?: SourcePolicy;
}

export type ReadPackage = (bytes: Buffer, origin: string) => Promise<PackageFiles>;
/** Reads a stream of gzip-compressed tar bytes (a tarball being downloaded, `compressedBytes` long when declared) into files, under the same limits as ReadPackage. */
export type ReadPackageStream = (tgz: Readable, origin: string, compressedBytes?: number) => Promise<PackageFiles>;
