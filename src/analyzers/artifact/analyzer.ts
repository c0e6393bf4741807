/**
 * The artifact analyzer for `vigil scan`: npm components for which the user provides a local clone
 * are verified against it (ref = the manifest's gitHead, else a tag guessed from the version).
 * Without a clone the analyzer does not apply; it never clones or fetches a repository itself.
 */
import { toProblem, VigilError } from '../../core/errors.js';
import type { InventoryComponent } from '../../core/types.js';
import type { ComponentAnalyzer } from '../types.js';
import { compareWithSource } from './compare-source.js';
import { ARTIFACT_ANALYZER, artifactRules } from './rules.js';
import { releaseWithoutSource } from './release-without-source.js';

export interface ArtifactAnalyzerOptions {
  /** Local clone for a component (e.g. from a `{ "lodash": "/src/lodash" }` map), or undefined. */
  cloneFor(component: InventoryComponent): string | undefined;
  catalogueDir?: string;
}

/** Map form of `cloneFor`: package name → clone path. */
export const clonesByName =
  (clones: Record<string, string>): ArtifactAnalyzerOptions['cloneFor'] =>
  (c) =>
    Object.hasOwn(clones, c.name) ? clones[c.name] : undefined;

export function createArtifactAnalyzer(o: ArtifactAnalyzerOptions): ComponentAnalyzer {
  return {
    kind: 'component',
    ...ARTIFACT_ANALYZER,
    needs: { tarball: true, packument: true, git: true },
    code: ['analyzers/artifact', 'sources/archive', 'sources/macros', 'sources/git', '../data/m4-catalogue', 'core/types.ts'],
    rules: artifactRules,
    appliesTo: (c) => c.ecosystem === 'npm' && !c.notAnalyzed && o.cloneFor(c) !== undefined,
    async analyze(ctx) {
      const source = o.cloneFor(ctx.component)!;
      if (!ctx.files)
        return {
          findings: [],
          unavailable: [
            { subject: ctx.component.purl, field: 'tarball', reason: 'package files not available; release not compared with its source' },
          ],
        };
      try {
        const out = await compareWithSource({
          subject: ctx.component.purl,
          kind: 'npm',
          files: ctx.files,
          source,
          name: ctx.component.name.replace(/^@[^/]+\//, ''),
          version: ctx.component.version,
          ...(ctx.manifest?.gitHead ? { gitHead: ctx.manifest.gitHead } : {}),
          ...(o.catalogueDir ? { catalogueDir: o.catalogueDir } : {}),
        });
        return { findings: out.findings, problems: out.problems, facts: out.summary };
      } catch (e) {
        const problems = [toProblem(e, ctx.component.purl)];
        if (!(e instanceof VigilError) || e.code !== 'E_INPUT_NOT_FOUND') return { findings: [], problems };
        // No ref matched: a release the repository never tagged, when it tags the others.
        const missing = await releaseWithoutSource({
          subject: ctx.component.purl,
          source,
          name: ctx.component.name.replace(/^@[^/]+\//, ''),
          display: ctx.component.name,
          version: ctx.component.version,
          ...(ctx.manifest?.gitHead ? { gitHead: ctx.manifest.gitHead } : {}),
        }).catch(() => undefined);
        return { findings: missing ? [missing] : [], problems };
      }
    },
  };
}
