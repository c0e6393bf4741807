/**
 * The combined takeover-risk score of one release: the sum of its signals' weights (weights.ts),
 * with per-rule caps so that many small signals of one kind (ten new dependencies) cannot outweigh
 * one strong signal, plus the patch-release modifier. Severity follows the score.
 */
import semver from 'semver';
import type { Severity } from '../../core/types.js';
import type { Bump } from './previous-version.js';
import type { Signal } from './types.js';
import { severityForScore, WEIGHTS } from './weights.js';

const CAPS: Record<string, number> = {
  'release-diff/new-dependency': WEIGHTS.newDependencyMax,
  'release-diff/new-capability': WEIGHTS.newCapabilityMax,
  'release-diff/unusual-files': WEIGHTS.unusualFilesMax,
  // Several maintainers updating their addresses over years is one event, not several.
  'release-diff/maintainer-email-domain': WEIGHTS.maintainerEmailDomain,
};

/** Content signals worth at least this much in a patch release add the patch modifier. */
const PATCH_MODIFIER_FLOOR = 20;

const HANDOVER = new Set([
  'release-diff/new-publisher',
  'release-diff/maintainers-replaced',
  'release-diff/maintainer-added',
  'release-diff/maintainer-email-domain',
  'release-diff/dormant-new-publisher',
]);

/** Per-rule caps, then the handover group cap (WEIGHTS.handoverMax). */
export function sumWeights(signals: Signal[]): number {
  const byRule = new Map<string, number>();
  for (const s of signals) byRule.set(s.rule, (byRule.get(s.rule) ?? 0) + s.weight);
  let total = 0;
  let handover = 0;
  for (const [rule, w] of byRule) {
    const capped = Math.min(w, CAPS[rule] ?? Infinity);
    if (HANDOVER.has(rule)) handover += capped;
    else total += capped;
  }
  return total + Math.min(handover, WEIGHTS.handoverMax);
}

/** Would `^from` pick up `to`? (0.x: same minor; prereleases never.) */
export function inCaretRange(from: string | undefined, to: string): boolean {
  const a = from ? semver.parse(from) : null;
  const b = semver.parse(to);
  if (!a || !b || b.prerelease.length > 0) return false;
  return semver.satisfies(b, `^${a.version}`);
}

/**
 * Adds the patch-release modifier and the outside-caret-range discount when they apply, and
 * returns the score and severity. `from` is the semver predecessor (what users had).
 */
export function scoreRelease(
  signals: Signal[],
  bump: Bump | undefined,
  from?: string,
  to?: string,
): { signals: Signal[]; score: number; severity: Severity } {
  const all = [...signals];
  const handover = sumWeights(all.filter((s) => HANDOVER.has(s.rule)));
  if (handover > 0 && from && to && !inCaretRange(from, to)) {
    const discount = Math.round(handover * (1 - WEIGHTS.outsideCaretShare));
    all.push({
      rule: 'release-diff/outside-caret-range',
      weight: -discount,
      source: 'metadata',
      title: `${to} is not picked up by ^${from}: handover signals count ${WEIGHTS.outsideCaretShare * 100}%`,
      evidence: [{ kind: 'metadata', field: 'version', before: from, after: to }],
    });
  }
  // A wholesale file rewrite alone (bundlers rename hashed chunks every release) does not make the
  // patch modifier apply: only content that grows powers does.
  // Plain new dependencies neither: adding a well-known helper in a patch is routine maintenance;
  // young, tiny or remote dependencies keep their own (heavier) signals and do count.
  const content = sumWeights(
    all.filter((s) => s.source === 'content' && s.rule !== 'release-diff/version-anomaly' && s.rule !== 'release-diff/new-dependency'),
  );
  if (bump === 'patch' && content >= PATCH_MODIFIER_FLOOR) {
    all.push({
      rule: 'release-diff/patch-release-change',
      weight: WEIGHTS.patchRelease,
      source: 'content',
      title: `these changes arrived in a patch release${from && to ? ` (${from} → ${to})` : ''}`,
      evidence: [{ kind: 'metadata', field: 'version', before: from, after: to }],
    });
  }
  const score = sumWeights(all);
  return { signals: all, score, severity: severityForScore(score) };
}
