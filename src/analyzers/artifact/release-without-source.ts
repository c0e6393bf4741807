/**
 * artifact/release-without-source: no tag (or gitHead commit) of the source repository matches
 * the release, while the repository tags its other releases. A release built from a checkout is
 * tagged like the ones before it; one that never existed in git (a stolen token publishing from
 * the attacker's machine) has no tag and no commit. Judged only when the repository tags earlier
 * versions of the same package: projects that never tag releases say nothing.
 */
import semver from 'semver';
import type { Finding } from '../../core/types.js';
import { runGit } from '../../sources/git/index.js';
import { ARTIFACT_ANALYZER, ARTIFACT_RULES } from './rules.js';
import { resolveCommit } from './source-tree.js';
import { tagCandidates } from './ref-guess.js';

export interface MissingReleaseInput {
  subject: string;
  /** Local clone. */
  source: string;
  /** Name as tags spell it (without the npm scope). */
  name: string;
  /** Name shown in the finding (the package name). */
  display?: string;
  version: string;
  gitHead?: string;
}

/** Version a tag names (`v1.2.3`, `name@1.2.3`, `name-v1.2.3`), when it names one of this package. */
export function taggedVersion(tag: string, name: string): string | undefined {
  const rest = tag.startsWith(`${name}`) ? tag.slice(name.length).replace(/^[-_@/]/, '') : tag.includes('@') ? undefined : tag;
  if (rest === undefined) return undefined;
  const v = semver.valid(rest.replace(/^(v|release[-/]|rel-|version-)/i, ''));
  return v ?? undefined;
}

/** Earlier versions need this many tags before a missing one means anything. */
const MIN_TAGGED = 2;

export async function releaseWithoutSource(i: MissingReleaseInput): Promise<Finding | undefined> {
  if (!semver.valid(i.version)) return undefined;
  const r = await runGit(i.source, ['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags'], { maxBytes: 32 * 1024 * 1024 });
  const tagged = new Map<string, string>();
  for (const t of r.stdout.toString('utf8').split('\n')) {
    const v = t && taggedVersion(t, i.name);
    if (v) tagged.set(v, t);
  }
  if (tagged.has(i.version)) return undefined;
  const earlier = [...tagged.keys()].filter((v) => semver.lt(v, i.version)).sort(semver.rcompare);
  if (earlier.length < MIN_TAGGED) return undefined;
  const headMissing = i.gitHead && /^[0-9a-f]{7,64}$/i.test(i.gitHead) && !(await resolveCommit(i.source, i.gitHead));
  const newest = [...tagged.keys()].sort(semver.rcompare)[0]!;
  return {
    rule: ARTIFACT_RULES.releaseWithoutSource,
    severity: 'medium',
    confidence: 'medium',
    subject: i.subject,
    title: `${i.display ?? i.name}@${i.version} has no tag in its source repository${headMissing ? ' and its gitHead is not a commit there' : ''}, which tags ${tagged.size} other releases`,
    evidence: [
      {
        kind: 'text',
        label: 'release tags in the repository',
        excerpt: `${tagged.size} version tags; the newest is ${tagged.get(newest)}; the closest earlier release is tagged ${tagged.get(earlier[0]!)}; none of ${tagCandidates(i.version, i.name).slice(0, 4).join(', ')}… exists`,
      },
      ...(headMissing ? [{ kind: 'metadata' as const, field: 'gitHead', label: 'gitHead not in the repository', after: i.gitHead }] : []),
    ],
    explanation: `The repository at ${i.source} tags its releases (${earlier
      .slice(0, 3)
      .map((v) => tagged.get(v))
      .join(', ')}…) but nothing matches ${i.version}: this release was not built from a commit the project published.`,
    remediation:
      'Check with the project whether this version was released on purpose; compare the package with the closest tagged release before installing it.',
    analyzer: { ...ARTIFACT_ANALYZER },
  };
}
