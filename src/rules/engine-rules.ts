/** Rules the engine itself emits (not tied to one analyzer). */
import type { RuleInfo } from '../core/rule.js';

export const integrityMismatchRule: RuleInfo = {
  id: 'npm/integrity-mismatch',
  title: 'Downloaded tarball does not match the locked integrity',
  severity: 'critical',
  meaning:
    "The bytes the registry served for this version hash to a different digest than the integrity recorded in your lockfile (or the registry's own dist metadata).",
  why: 'Integrity is what makes a lockfile reproducible. A mismatch means the artifact changed after you locked it, a mirror or proxy altered it, or the lockfile was edited — any of which can deliver code nobody reviewed.',
  example:
    'Registry mirrors and proxies serving altered tarballs are why npm records sha512 integrity in lockfiles; the 2018 event-stream investigation relied on comparing published artifacts byte for byte.',
  suppress:
    'Do not suppress: re-lock from a trusted registry (`npm install --package-lock-only`) and compare the two digests shown as evidence.',
};

export const ENGINE_RULES: RuleInfo[] = [integrityMismatchRule];
