/**
 * Normalized npm registry metadata. Raw packument JSON is parsed at the boundary (packument.ts)
 * into these. Fields some registries strip are optional and recorded in `available`.
 */

export interface NpmPerson {
  name?: string;
  email?: string;
}

export interface VersionManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  bundleDependencies?: string[];
  scripts?: Record<string, string>;
  bin?: Record<string, string> | string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  homepage?: string;
  deprecated?: string;
  gitHead?: string;
  funding?: unknown;
  main?: string;
  /** Publisher account (`_npmUser`), when the registry serves it. */
  npmUser?: NpmPerson;
  maintainers?: NpmPerson[];
  dist: {
    tarball: string;
    integrity?: string;
    shasum?: string;
    fileCount?: number;
    unpackedSize?: number;
    /** Registry signatures / attestations as served (opaque here). */
    signatures?: unknown[];
    attestations?: unknown;
  };
  hasInstallScript?: boolean;
  /** The unparsed fields analyzers read, as served: `os`, `cpu`, `libc`, `author`, `contributors` (nothing else is kept). */
  raw: Record<string, unknown>;
}

export interface Packument {
  name: string;
  distTags: Record<string, string>;
  versions: Record<string, VersionManifest>;
  /** Publish times (ISO), when served. Mirrors may rewrite them: see `available.time`. */
  time?: Record<string, string>;
  maintainers?: NpmPerson[];
  repository?: VersionManifest['repository'];
  /**
   * Which optional fields this registry actually served. A check that needs a field that is not
   * available must report it as unavailable, never guess.
   */
  available: {
    maintainers: boolean;
    npmUser: boolean;
    /** Real publish times (false when absent or detected as rewritten by a mirror). */
    time: boolean;
    signatures: boolean;
    attestations: boolean;
  };
  /** Why a field in `available` is false (for Unavailable records): e.g. `time` rewritten by a mirror. */
  unavailableReasons?: Partial<Record<keyof Packument['available'], string>>;
  /** Registry base URL it came from. */
  registry: string;
  fetchedAt: string;
}
