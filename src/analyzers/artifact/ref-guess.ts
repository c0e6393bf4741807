/**
 * Which tag a release came from, when the user gives no --ref: candidates built from the version
 * (and name), first existing one wins; npm `gitHead` is tried first because it is exact.
 */
import { runGit } from '../../sources/git/index.js';
import { resolveCommit } from './source-tree.js';

export interface RefGuess {
  /** The ref found, when any candidate exists. */
  found?: { ref: string; commit: string; how: string };
  /** Every candidate tried, in order (shown when none matched). */
  tried: string[];
}

/** Upstream version of a Debian version: no epoch, no revision, no repack suffix. */
export function debianUpstreamVersion(v: string): string {
  return v
    .replace(/^\d+:/, '')
    .replace(/-[^-]*$/, '')
    .replace(/[+~](?:dfsg|ds|repack)\d*(?:\.\d+)?$/i, '');
}

export function tagCandidates(version: string, name?: string): string[] {
  const vs = [version, version.replace(/\./g, '_'), version.replace(/\./g, '-')];
  const out: string[] = [];
  for (const v of vs) {
    out.push(`v${v}`, v);
    if (name) out.push(`${name}-${v}`, `${name}-v${v}`, `${name}_${v}`, `${name}@${v}`, `${name.toUpperCase()}_${v}`);
    out.push(`release-${v}`, `release/${v}`, `rel-${v}`, `version-${v}`, `R_${v}`, `REL_${v}`, `RELEASE_${v}`);
  }
  return [...new Set(out)];
}

export async function guessRef(repo: string, version: string | undefined, name?: string, gitHead?: string): Promise<RefGuess> {
  const tried: string[] = [];
  if (gitHead && /^[0-9a-f]{7,64}$/i.test(gitHead)) {
    tried.push(gitHead);
    const c = await resolveCommit(repo, gitHead);
    if (c) return { found: { ref: gitHead, commit: c, how: 'npm gitHead' }, tried };
  }
  if (!version) return { tried };
  const r = await runGit(repo, ['for-each-ref', '--format=%(refname:strip=2)', 'refs/tags'], { maxBytes: 32 * 1024 * 1024 });
  const tags = new Set(r.stdout.toString('utf8').split('\n').filter(Boolean));
  for (const cand of tagCandidates(version, name)) {
    tried.push(cand);
    if (!tags.has(cand)) continue;
    const c = await resolveCommit(repo, `refs/tags/${cand}`);
    if (c) return { found: { ref: cand, commit: c, how: `tag ${cand} guessed from version ${version}` }, tried };
  }
  return { tried };
}
