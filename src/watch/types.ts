/** Shapes of `vigil watch`: what was last seen of a package, and the alerts raised about it. */
import type { Finding, Severity } from '../core/types.js';

/** What watch remembers of one package between polls (kept in the store). */
export interface SeenPackage {
  name: string;
  versions: string[];
  distTags: Record<string, string>;
  /** version → deprecation message. */
  deprecated: Record<string, string>;
  /** Maintainer names, when the registry serves them (undefined = not available). */
  maintainers?: string[];
  seenAt: string;
}

export type AlertKind = 'new-version' | 'dist-tag' | 'deprecated' | 'yanked' | 'maintainer-added';

/** A project whose declared ranges would take a new version. */
export interface Exposure {
  project: string;
  /** Who declares the range: the project itself (`root:…`) or a dependency (`parent@version`). */
  via: string;
  range: string;
}

export interface Alert {
  /** Stable id: the same change is never alerted twice (`npm:name@version:new-version`). */
  id: string;
  kind: AlertKind;
  package: string;
  version?: string;
  severity: Severity;
  title: string;
  detail: string;
  /** Findings of the analysis of a new release (content + release diff). */
  findings: Finding[];
  exposed: Exposure[];
  at: string;
}
