/** npm/missing-repository: the release names no source repository, so nobody can compare it to its source. */
import { NPM_ANALYZER_CODE } from './code.js';
import type { ComponentAnalyzer } from '../types.js';
import { missingRepositoryRule } from './rules.js';
import { makeFinding, tarballManifest } from './manifest.js';

function hasRepo(v: unknown): boolean {
  if (typeof v === 'string') return v.trim().length > 0;
  if (v && typeof v === 'object') return typeof (v as { url?: unknown }).url === 'string' && (v as { url: string }).url.trim().length > 0;
  return false;
}

export const missingRepositoryAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: 'npm-missing-repository',
  version: '1.0.0',
  needs: { packument: true },
  code: NPM_ANALYZER_CODE,
  rules: [missingRepositoryRule],
  appliesTo: (c) => c.ecosystem === 'npm' && !c.meta?.workspace,
  analyze(ctx) {
    if (!ctx.manifest && !ctx.files) return { findings: [] };
    const tm = tarballManifest(ctx.files);
    if (hasRepo(ctx.manifest?.repository) || hasRepo(ctx.packument?.repository) || hasRepo(tm?.json.repository)) return { findings: [] };
    const homepage = ctx.manifest?.homepage;
    const c = ctx.component;
    return {
      findings: [
        makeFinding(missingRepositoryRule, missingRepositoryAnalyzer, c, {
          title: `${c.name}@${c.version} declares no source repository`,
          confidence: 'high',
          evidence: [
            { kind: 'metadata', label: 'repository', field: 'repository', value: null, excerpt: 'repository: (absent)' },
            ...(homepage ? [{ kind: 'metadata' as const, label: 'homepage', field: 'homepage', value: homepage, excerpt: homepage }] : []),
          ],
          explanation: 'The release cannot be traced to reviewed source code from its metadata alone.',
          remediation: 'Ask the maintainers to add a `repository` field, or find the source and check it with `vigil verify`.',
        }),
      ],
    };
  },
};
