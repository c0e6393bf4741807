/**
 * `--baseline FILE|last`: keep only findings that are new since a previous scan (by fingerprint),
 * in every format. The full result is what gets stored; the baseline filter applies to what is shown.
 */
import { readFileSync } from 'node:fs';
import { VigilError } from '../core/errors.js';
import type { ScanResult } from '../core/result.js';
import { finalizeResult } from '../core/result-builder.js';

export function readBaselineFile(path: string): ScanResult {
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new VigilError('E_USAGE', `baseline ${path} is not a readable vigil JSON result: ${(e as Error).message}`, {
      file: path,
      hint: 'write one with --format json --output FILE',
    });
  }
  const r = j as Partial<ScanResult>;
  if (!r || typeof r !== 'object' || typeof r.schemaVersion !== 'string' || !Array.isArray(r.findings)) {
    throw new VigilError('E_USAGE', `baseline ${path} is not a vigil JSON result (no schemaVersion/findings)`, { file: path });
  }
  return r as ScanResult;
}

/** What a baseline is compared by: its findings' fingerprints (a whole result, or a stored scan's digest). */
export interface BaselineFindings {
  finishedAt: string;
  findings: readonly { fingerprint?: string; suppressed?: unknown }[];
}

export function applyBaseline(result: ScanResult, baseline: BaselineFindings, from: string): ScanResult {
  const known = new Set(
    baseline.findings
      .filter((f) => !f.suppressed)
      .map((f) => f.fingerprint)
      .filter(Boolean),
  );
  const kept = result.findings.filter((f) => !f.fingerprint || !known.has(f.fingerprint));
  const out: ScanResult = {
    ...result,
    findings: kept,
    baseline: { from, at: baseline.finishedAt, hidden: result.findings.length - kept.length },
  };
  return finalizeResult(out);
}
