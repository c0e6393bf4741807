/**
 * Registry metadata of one package as scoring and funding read it, whatever the registry: the npm
 * packument (sources/npm) is one shape of it and is passed as is. Fields a registry does not serve
 * are absent and named in `available`, so a signal that needs them says "unknown", never guesses.
 */
export interface MetadataPerson {
  name?: string;
  email?: string;
}

/** One release's metadata. */
export interface ReleaseMetadata {
  maintainers?: MetadataPerson[];
  deprecated?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  funding?: unknown;
  /** The release manifest's fields as served (author, contributors, ...), untouched. */
  raw: Record<string, unknown>;
}

export interface PackageMetadata {
  name: string;
  versions: Record<string, ReleaseMetadata>;
  /** Publish times (ISO) per version, when served. */
  time?: Record<string, string>;
  maintainers?: MetadataPerson[];
  /** Which optional fields the registry really served (false: stripped or rewritten by a mirror). */
  available: { maintainers: boolean; time: boolean };
  /** Why a field in `available` is false. */
  unavailableReasons?: Partial<Record<'maintainers' | 'time', string>>;
}
