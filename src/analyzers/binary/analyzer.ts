/** The binary analyzer inside `vigil scan`: prebuilt ELF files (.node addons, executables) in npm tarballs. */
import type { ComponentAnalyzer, ComponentContext } from '../types.js';
import { analyzeBinaries, npmManifestOf } from './package.js';
import { BINARY_ANALYZER, binaryRules } from './rules.js';

export const binaryAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: BINARY_ANALYZER.id,
  version: BINARY_ANALYZER.version,
  needs: { tarball: true },
  code: ['analyzers/binary', 'sources/elf', 'sources/archive', '../data/binary-signatures', 'core/types.ts'],
  rules: binaryRules,
  appliesTo: (c) => c.ecosystem === 'npm',
  analyze(ctx: ComponentContext) {
    if (!ctx.files) return { findings: [] };
    const { facts, findings, problems } = analyzeBinaries(ctx.files, {
      subject: ctx.component.purl,
      ecosystem: 'npm',
      manifest: ctx.manifest ?? npmManifestOf(ctx.files),
    });
    if (!facts.files.length && !facts.unreadable.length) return { findings: [] };
    return { findings, facts, ...(problems.length ? { problems } : {}) };
  },
};
