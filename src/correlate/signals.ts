/**
 * Per-component story signals, read from what the analyzers already produced: the release-diff
 * facts (handover, new dependencies and their age) and the findings of the history, artifact and
 * content analyzers. Findings of a dependency that this release newly added are joined in as
 * payload signals "via" that dependency. Pure: no I/O, nothing re-detected.
 */
import type { Evidence, Finding, Inventory, Severity } from '../core/types.js';
import type { ReleaseDelta, Signal } from '../analyzers/release-diff/types.js';
import { isDormantGap } from '../analyzers/release-diff/handover.js';
import { WEIGHTS } from '../analyzers/release-diff/weights.js';
import { STORY_WEIGHTS, type StorySignalId } from './weights.js';
import { componentFact } from '../core/facts.js';
import { RELEASE_DIFF_FACTS } from '../analyzers/release-diff/types.js';

export interface StorySignal {
  id: StorySignalId;
  title: string;
  evidence: Evidence[];
  /** Seen on this newly added dependency rather than on the component itself. */
  via?: string;
  /** The finding it came from (rule), for the explanation. */
  from?: string;
}

export interface CorrelateInput {
  findings: Finding[];
  /** Facts by analyzer id, then by subject (the scan result's `facts`). */
  facts: Record<string, Record<string, unknown> | undefined>;
  inventory?: Pick<Inventory, 'components' | 'edges'>;
}

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const atLeast = (f: Finding, s: Severity): boolean => RANK[f.severity] >= RANK[s];

const SOURCE_PAYLOAD = new Set([
  'history/binary-test-file-without-generator',
  'history/broken-feature-check',
  'history/ci-fuzzing-weakened',
  'history/gitignore-build-macro',
  'history/sandbox-check-changed',
  'history/ifunc-added',
]);
const RELEASE_ONLY_BUILD = new Set(['artifact/suspicious-build-code', 'artifact/manifest-scripts-changed']);
/** Content rules about the archive itself, not about behaviour. */
const CONTENT_NOT_BEHAVIOUR = new Set(['content/archive-limit', 'content/unsafe-archive-entry']);

/** The story signal a finding stands for, if any. */
export function signalOfFinding(f: Finding): StorySignalId | undefined {
  const r = f.rule;
  if (r === 'history/newcomer-takeover') return 'source-newcomer';
  if (r === 'history/fast-trust-escalation' && atLeast(f, 'medium')) return 'source-release-authority';
  if (r === 'history/new-signing-key' && atLeast(f, 'medium')) return 'new-signing-key';
  if (SOURCE_PAYLOAD.has(r) && atLeast(f, 'medium')) return 'source-payload';
  if (r === 'artifact/unexplained-file')
    return atLeast(f, 'high') ? 'unexplained-code' : atLeast(f, 'medium') ? 'unexplained-file' : undefined;
  if (r === 'artifact/release-without-source') return 'release-without-source';
  if (RELEASE_ONLY_BUILD.has(r) || (r === 'artifact/modified-macro' && atLeast(f, 'high'))) return 'release-only-build-code';
  if (r.startsWith('content/') && !CONTENT_NOT_BEHAVIOUR.has(r))
    return atLeast(f, 'high') ? 'content-high' : atLeast(f, 'medium') ? 'content-medium' : undefined;
  return undefined;
}

const RISKY_CONTENT = new Set(['release-diff/new-obfuscation', 'release-diff/new-build-idiom', 'release-diff/new-endpoint']);

/** The story signal a release-diff signal stands for, if any. */
export function signalOfReleaseSignal(s: Signal): StorySignalId | undefined {
  switch (s.rule) {
    case 'release-diff/maintainers-replaced':
      return 'maintainers-replaced';
    case 'release-diff/githead-missing':
    case 'release-diff/provenance-dropped':
    case 'release-diff/signatures-dropped':
      return 'published-outside-repository';
    // dormant-release weighs 0 in release-diff (context only); with a handover, dormancy is
    // counted as handover-after-dormancy instead.
    case 'release-diff/dormant-release':
      return 'dormant-release';
    case 'release-diff/release-burst':
      return 'release-burst';
    // A young dependency first published by someone who already published this package is an
    // author splitting a library into modules (weighted low by release-diff): not a payload sign.
    case 'release-diff/young-dependency':
      return s.weight >= WEIGHTS.youngDependency ? 'young-dependency' : undefined;
    case 'release-diff/tiny-dependency':
      return 'tiny-dependency';
    case 'release-diff/remote-dependency':
      return 'remote-dependency';
    case 'release-diff/install-script-added':
      return 'install-script';
    case 'release-diff/new-binary':
      return s.weight >= WEIGHTS.newBinary ? 'new-risky-content' : undefined;
    // Fetching from the network is new in this release (outside tests): the "remote fetch" of a dropper.
    case 'release-diff/new-capability':
      return s.weight >= WEIGHTS.newCapabilityRisky && s.evidence.some((e) => e.field === 'network') ? 'new-risky-content' : undefined;
    default:
      return RISKY_CONTENT.has(s.rule) ? 'new-risky-content' : undefined;
  }
}

function handoverSignals(d: ReleaseDelta): StorySignal[] {
  const h = d.handover;
  if (!h) return [];
  const since =
    h.daysSinceFirst !== undefined ? `${h.daysSinceFirst} days before this release` : `${h.releasesSinceFirst} release(s) before this one`;
  const ev: Evidence = {
    kind: 'metadata',
    label: 'publisher (_npmUser)',
    field: '_npmUser',
    after: h.publisher,
    before: h.previousPublishers.join(', ') || undefined,
    excerpt: `${h.publisher} first published ${d.name}@${h.firstRelease}${h.firstPublishedAt ? ` on ${h.firstPublishedAt.slice(0, 10)}` : ''}; earlier releases by ${h.previousPublishers.join(', ') || 'unknown'}`,
  };
  const out: StorySignal[] = [
    {
      id: h.wasMaintainerBefore ? 'publisher-handover-known' : 'publisher-handover',
      title: `${h.publisher} took over publishing ${d.name} with ${h.firstRelease}, ${since}${h.wasMaintainerBefore ? '' : ', never a maintainer before'}`,
      evidence: [ev],
    },
  ];
  if (isDormantGap(h))
    out.push({
      id: 'handover-after-dormancy',
      title: `${h.firstRelease} ended ${h.dormantDaysBefore} days without a release`,
      evidence: [
        {
          kind: 'metadata',
          field: 'time',
          label: 'silence before the handover',
          value: h.dormantDaysBefore,
          excerpt: `${h.dormantDaysBefore} days between the last release by ${h.previousPublishers.join(', ')} and ${h.firstRelease}`,
        },
      ],
    });
  if (h.previousPublishers.length === 1)
    out.push({
      id: 'handover-from-sole-owner',
      title: `every earlier release was published by ${h.previousPublishers[0]} alone`,
      evidence: [{ kind: 'metadata', field: '_npmUser', label: 'earlier publishers', value: h.previousPublishers }],
    });
  return out;
}

/** Names of dependencies this release added, with the title of the signal that described them. */
function addedDependencies(d: ReleaseDelta | undefined): string[] {
  return Object.keys(d?.dependencies?.added ?? {}).sort();
}

/** Every story signal of one component (purl), including payload signals of its new dependencies. */
export function componentSignals(purl: string, input: CorrelateInput, byPurl: Map<string, Finding[]>): StorySignal[] {
  const delta = componentFact(input, RELEASE_DIFF_FACTS, purl);
  const out: StorySignal[] = [];
  if (delta) {
    out.push(...handoverSignals(delta));
    for (const s of delta.signals) {
      const id = signalOfReleaseSignal(s);
      if (id) out.push({ id, title: s.title, evidence: s.evidence.slice(0, 2), from: s.rule });
    }
  }
  for (const f of byPurl.get(purl) ?? []) {
    if (f.suppressed) continue;
    const id = signalOfFinding(f);
    if (id) out.push({ id, title: f.title, evidence: f.evidence.slice(0, 3), from: f.rule });
  }
  const added = addedDependencies(delta);
  if (added.length && input.inventory) {
    const reached = new Set(input.inventory.edges.filter((e) => e.from === purl).map((e) => e.to));
    for (const name of added) {
      const deps = input.inventory.components.filter((c) => c.name === name && (reached.size === 0 || reached.has(c.purl)));
      for (const dep of deps) {
        for (const f of byPurl.get(dep.purl) ?? []) {
          if (f.suppressed) continue;
          const id = signalOfFinding(f);
          if (id && STORY_WEIGHTS[id].family === 'payload')
            out.push({
              id,
              title: `${name}@${dep.version}: ${f.title}`,
              evidence: f.evidence.slice(0, 3),
              via: `${name}@${dep.version}`,
              from: f.rule,
            });
        }
      }
    }
  }
  return out;
}
