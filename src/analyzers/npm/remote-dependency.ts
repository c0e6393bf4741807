/**
 * npm/remote-dependency: a dependency is fetched from git, an http(s) URL or the local filesystem
 * instead of the registry — no registry integrity, no immutability, often no review.
 */
import { NPM_ANALYZER_CODE } from './code.js';
import npa from 'npm-package-arg';
import type { ComponentAnalyzer } from '../types.js';
import { remoteDependencyRule } from './rules.js';
import { makeFinding } from './manifest.js';

/** Classify a resolved URL/spec; undefined when it is an ordinary registry tarball. */
export function remoteKind(resolved: string | undefined): 'git' | 'remote' | 'file' | undefined {
  if (!resolved) return undefined;
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/.test(resolved)) return 'git';
  if (/^(file:|link:|\.{0,2}\/)/.test(resolved)) return 'file';
  if (/^https?:\/\//.test(resolved)) {
    // A registry tarball URL has the shape .../name/-/name-version.tgz
    if (/\/-\/[^/]+\.tgz(\?.*)?$/.test(resolved)) return undefined;
    return 'remote';
  }
  try {
    const t = npa(resolved).type;
    return t === 'git' ? 'git' : t === 'remote' ? 'remote' : t === 'file' || t === 'directory' ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

export const remoteDependencyAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: 'npm-remote-dependency',
  version: '1.0.0',
  needs: {},
  code: NPM_ANALYZER_CODE,
  rules: [remoteDependencyRule],
  appliesTo: (c) => c.ecosystem === 'npm',
  analyze(ctx) {
    const c = ctx.component;
    const kind = remoteKind(c.resolved);
    if (!kind || c.meta?.workspace) return { findings: [] };
    const specs = ctx.inventory.edges.filter((e) => e.to === c.purl && e.spec).map((e) => e.spec!);
    const loc = c.locations[0];
    return {
      findings: [
        makeFinding(remoteDependencyRule, remoteDependencyAnalyzer, c, {
          title: `${c.name} is installed from ${kind === 'git' ? 'a git repository' : kind === 'file' ? 'a local path' : 'a URL'}`,
          severity: kind === 'file' ? 'low' : 'medium',
          evidence: [
            { kind: 'file', label: 'locked source', file: loc?.file, line: loc?.line, excerpt: c.resolved },
            ...specs.slice(0, 3).map((s) => ({ kind: 'text' as const, label: 'declared as', excerpt: s })),
          ],
          explanation:
            kind === 'git'
              ? 'Git dependencies are not immutable unless pinned to a full commit hash, carry no registry integrity, and npm runs their prepare script.'
              : 'This source is outside the registry: its content can change without a version change and no registry-side scanning applies.',
          remediation:
            'Prefer a published registry version; otherwise pin to a full commit hash or an integrity-checked URL and review it.',
        }),
      ],
    };
  },
};
