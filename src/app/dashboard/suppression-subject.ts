/**
 * What a dashboard suppression applies to, chosen by the user: this version (the finding's exact
 * subject), every version of the package (the purl without its version, which scans match against
 * any version), or everything under a prefix of the subject (written as `PREFIX*`: a path, a
 * repository, a purl namespace). The pattern always covers the finding it was made from, and a
 * prefix must name something: a bare `pkg:TYPE/` (a whole ecosystem) or a few characters are refused.
 */
import { VigilError } from '../../core/errors.js';
import { parsePurl, purlWithoutVersion } from '../../core/purl.js';

export const SUPPRESSION_SCOPES = ['version', 'package', 'prefix'] as const;
export type SuppressionScope = (typeof SUPPRESSION_SCOPES)[number];

/** Shortest prefix accepted (`pkg:npm/` is 8 characters and would be a whole ecosystem). */
const MIN_PREFIX = 6;

function versionless(subject: string): string | undefined {
  if (!subject.startsWith('pkg:')) return undefined;
  try {
    return parsePurl(subject).version ? purlWithoutVersion(subject) : undefined;
  } catch {
    return undefined;
  }
}

/** The subject pattern to write for `scope` over a finding's `subject`; E_USAGE says why not. */
export function suppressionSubject(subject: string, scope: SuppressionScope, prefix?: string): string {
  if (scope === 'version') return subject;
  if (scope === 'package') {
    const all = versionless(subject);
    if (!all)
      throw new VigilError('E_USAGE', `"scope": "package" needs a finding about a versioned package; ${subject} is not one`, {
        hint: 'suppress this subject ("version") or a prefix of it ("prefix")',
      });
    return all;
  }
  const p = (prefix ?? '').replace(/\*+$/, '');
  if (!p) throw new VigilError('E_USAGE', '"prefix" is required with "scope": "prefix"');
  if (!subject.startsWith(p)) throw new VigilError('E_USAGE', `"prefix" must be the start of the finding's subject (${subject})`);
  if (p.length < MIN_PREFIX || /^pkg:[a-z0-9.+-]*\/?$/i.test(p))
    throw new VigilError(
      'E_USAGE',
      `"prefix" ${p} is too broad: it would suppress the rule for a whole ecosystem or nearly every subject`,
      {
        hint: 'name at least a package scope, repository or directory',
      },
    );
  return `${p}*`;
}
