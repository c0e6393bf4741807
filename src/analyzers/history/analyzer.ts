/**
 * The history analyzer as a registry plugin. It applies to a component whose `meta.repoPath` names a
 * local clone (set by `vigil scan --repo name=path`); findings use the component's purl as subject.
 */
import type { ComponentAnalyzer } from '../types.js';
import { analyzeHistory } from './analyze.js';
import { HISTORY_ANALYZER, HISTORY_RULES } from './rules.js';

export const historyAnalyzer: ComponentAnalyzer = {
  kind: 'component',
  id: HISTORY_ANALYZER.id,
  version: HISTORY_ANALYZER.version,
  needs: { git: true },
  code: ['analyzers/history', 'sources/git', 'core/types.ts'],
  rules: HISTORY_RULES,
  appliesTo: (c) => typeof c.meta?.repoPath === 'string' && c.meta.repoPath !== '',
  async analyze(ctx) {
    const repoPath = ctx.component.meta?.repoPath as string;
    const a = await analyzeHistory(repoPath, { subject: ctx.component.purl });
    // The engine files facts under the component's purl: hand them on exactly once, unwrapped.
    return { findings: a.findings, facts: a.facts, problems: a.problems };
  },
};
