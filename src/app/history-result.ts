/** `vigil history` as a library call: analyzeHistory wrapped in the one ScanResult model. */
import { resolve } from 'node:path';
import { VigilError } from '../core/errors.js';
import type { EventSink } from '../core/events.js';
import type { SuppressionRule } from '../core/result.js';
import type { ScanResult } from '../core/result.js';
import { finalizeResult, newResult } from '../core/result-builder.js';
import { applySuppressions } from '../engine/suppressions.js';
import { analyzeHistory, type HistoryOptions } from '../analyzers/history/analyze.js';
import { correlateTakeovers } from '../correlate/index.js';
import { putComponentFacts } from '../core/facts.js';
import { HISTORY_FACTS } from '../analyzers/history/facts.js';

export interface HistoryScanOptions extends HistoryOptions {
  suppressions?: SuppressionRule[];
  events?: EventSink;
}

/** Throws VigilError (E_INPUT_NOT_FOUND, E_GIT, E_USAGE) only when the path is not a readable repository. */
export async function historyScan(repoPath: string, opts: HistoryScanOptions = {}): Promise<ScanResult> {
  const abs = resolve(repoPath);
  const result = newResult('history', abs, `history:${abs}`);
  const a = await analyzeHistory(abs, opts);
  if (!a.facts.head)
    throw new VigilError('E_INPUT_NOT_FOUND', 'the repository has no commits to read', {
      file: repoPath,
      hint: 'pass a clone with history (or --branch REF)',
    });
  result.findings.push(...a.findings);
  result.problems.push(...a.problems);
  putComponentFacts(result, HISTORY_FACTS, a.subject, a.facts);
  // A newcomer's rise joined with payload shapes in the same history: one takeover story.
  result.findings.push(...correlateTakeovers({ findings: result.findings, facts: result.facts }));
  if (opts.suppressions?.length) result.suppressions = applySuppressions(result.findings, opts.suppressions);
  return finalizeResult(result);
}
