/**
 * The analysis of one change set, kept so the same install asked again (a retry, the next CI run,
 * the same package added in a sibling project) is answered without loading the analysis engine.
 *
 * Keyed by what produced it (principle 13): the content hash of all of vigil's code and data, and
 * every input the scan of the change set read — each changed component's purl, locked bytes
 * (integrity) and download URL, the edges between them, offline mode and the platforms analysed.
 * Entries older than a day are not served (registry metadata, advisories and takeover signals move),
 * nor are they for a project with its own audits (supply-chain/), whose findings depend on it.
 * Findings are kept unsuppressed; today's suppressions and allow-lists are applied on reading.
 */
import { createHash } from 'node:crypto';
import type { Finding, Inventory, Problem, Unavailable } from '../../core/types.js';
import type { ScanResult, SuppressionRule } from '../../core/result.js';
import { codeHash } from '../../core/code-hash.js';
import { finalizeResult, newResult } from '../../core/result-builder.js';
import { applySuppressions } from '../../engine/apply-suppressions.js';
import type { Store } from '../../store/types.js';
import type { PlannedChange } from './changes.js';

/** As long as the engine reuses what it derived from registry metadata (component-runner MEMO_FRESH_MS). */
export const VERDICT_FRESH_MS = 24 * 3600 * 1000;

export type MemoStore = Pick<Store, 'getAnalysis' | 'putAnalysis'>;

interface Memo {
  at: number;
  findings: Finding[];
  problems: Problem[];
  unavailable: Unavailable[];
  skipped: ScanResult['skipped'];
  /** Components whose content was read (the policy's "analysed"). */
  content: string[];
}

export function verdictKey(changes: PlannedChange[], inventory: Inventory, o: { offline: boolean; platforms: unknown }): string {
  const h = createHash('sha256');
  h.update(codeHash(['', '../data'])).update('\n');
  h.update(JSON.stringify({ offline: o.offline, platforms: o.platforms })).update('\n');
  for (const ch of changes) {
    const c = ch.component;
    h.update(`${c.purl}|${ch.kind}|${c.integrity ?? ''}|${c.resolved ?? ''}|${JSON.stringify(c.platform ?? null)}\n`);
  }
  for (const e of [...inventory.edges].map((x) => `${x.from}>${x.to}:${x.kind}`).sort()) h.update(`${e}\n`);
  return `guard-verdict|${h.digest('hex')}`;
}

export function readVerdict(
  store: MemoStore,
  key: string,
  projectDir: string,
  inventory: Inventory,
  suppressions: SuppressionRule[],
  now = Date.now(),
): ScanResult | undefined {
  const m = store.getAnalysis(key) as Memo | undefined;
  if (!m || typeof m.at !== 'number' || now - m.at >= VERDICT_FRESH_MS) return undefined;
  if (![m.findings, m.problems, m.unavailable, m.skipped, m.content].every(Array.isArray)) return undefined;
  const result = newResult('guard', projectDir);
  result.inventory = inventory;
  result.findings = m.findings;
  result.problems = m.problems;
  result.unavailable = m.unavailable;
  result.skipped = m.skipped;
  result.facts = { content: Object.fromEntries(m.content.map((p) => [p, true])) };
  result.suppressions = applySuppressions(result.findings, suppressions);
  // Kept in the order the analysis finalized them.
  return finalizeResult(result, { sorted: true });
}

/** Kept only when the analysis was complete: a failure (network, unreadable package) is tried again next time. */
export function writeVerdict(store: MemoStore, key: string, result: ScanResult, now = Date.now()): void {
  if (result.problems.length > 0) return;
  const memo: Memo = {
    at: now,
    findings: result.findings.map(({ suppressed: _s, ...f }) => f),
    problems: result.problems,
    unavailable: result.unavailable,
    skipped: result.skipped,
    content: Object.keys(result.facts['content'] ?? {}),
  };
  store.putAnalysis(key, memo);
}
