/** Release artifact vs source: per-file classification and the summary kept in facts['verify']. */
import type { MacroVerdict } from '../../sources/macros/types.js';
import { defineFacts } from '../../core/facts.js';
import { isObj } from '../../core/guards.js';

export type FileClass =
  /** Same bytes as the reviewed tree (or the same link target). */
  | 'identical'
  /** Same content once CRLF/LF are normalized: a note, not a finding. */
  | 'eol-only'
  | 'different'
  | 'only-artifact'
  | 'only-source'
  /** Could not be compared (over a size cap, blob missing from the clone, hardlink). */
  | 'unchecked';

/** Why a file that is only in the artifact is expected there. */
export type Explanation =
  | 'autotools-output'
  | 'autotools-aux'
  | 'catalogued-macro'
  | 'gettext-infrastructure'
  | 'generated-doc'
  | 'gnulib-import'
  | 'npm-build-output'
  | 'npm-metadata'
  | 'debian-packaging';

export interface FileVerdict {
  /** Path inside the artifact (after its top folder was stripped). */
  path: string;
  /** Path in the repository (with the detected prefix), when it exists there. */
  sourcePath?: string;
  class: FileClass;
  /** For only-artifact files the release process explains; absent = unexplained. */
  explained?: Explanation;
  /** Extra detail: `case differs from src/Foo.c`, `symlink -> x`, cap reason. */
  note?: string;
  macro?: MacroVerdict;
}

export interface VerifySummary {
  artifact: string;
  source: { repo: string; ref: string; commit: string; how: string; prefix: string };
  counts: Record<FileClass, number>;
  explained: Partial<Record<Explanation, number>>;
  unexplained: string[];
  /** Only-artifact m4 files judged against the catalogue, by status. */
  macros: Record<string, number>;
  eolOnly: string[];
  different: string[];
}

export const ARTIFACT_FACTS = defineFacts<VerifySummary>({
  key: 'artifact',
  scope: 'component',
  version: 1,
  about: 'a release artifact compared file by file with its git source (scan --repo)',
  is: (v): v is VerifySummary => isVerifySummary(v),
});

export function isVerifySummary(v: unknown): v is VerifySummary {
  return isObj(v) && typeof v['artifact'] === 'string' && isObj(v['source']) && isObj(v['counts']) && Array.isArray(v['unexplained']);
}
