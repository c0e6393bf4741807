/**
 * The takeover-story weights: THE one table the correlation layer scores with.
 *
 * A takeover is two halves seen by different analyzers: a change of WHO controls the package
 * (a new publisher who took over recently, every maintainer replaced, a newcomer who rose in the
 * source history) and WHAT the new controller shipped (a brand-new dependency by an unknown author,
 * an install script, files in the release that are not in the source, hidden payloads). Either half
 * alone is common in healthy projects — handovers of dormant packages are usually benign
 * (bench/diff-false-alarms.ts), new dependencies and build output are everyday changes — so a
 * story is told only when both halves are present, and its score is the sum of the weights of the
 * distinct signals (each signal counts once, however many findings carry it).
 *
 * Calibration (bench/takeover.ts): no trust signal reaches `high` with a single, ordinary payload
 * signal (a handover + one young dependency by the new owner is 25+25 = 50, medium); the classic
 * dormant handover (25 + 15 + 10) plus a young dependency by an unknown author (25) is high; add
 * what the dependency ships (files absent from its source, hidden code) and it is critical.
 */
import type { Severity } from '../core/types.js';

export type StoryFamily = 'trust' | 'payload';

export interface StoryWeight {
  family: StoryFamily;
  weight: number;
  /** One line for the finding's explanation and the rules catalogue. */
  meaning: string;
}

export const STORY_WEIGHTS = {
  // WHO: trust moved (registry metadata, source history).
  'publisher-handover': {
    family: 'trust',
    weight: 25,
    meaning: 'the release was published by an account that took the package over recently and was not a listed maintainer before',
  },
  'publisher-handover-known': {
    family: 'trust',
    weight: 10,
    meaning: 'the release was published by an account that took over publishing recently, already a listed maintainer before',
  },
  'handover-after-dormancy': { family: 'trust', weight: 15, meaning: 'that handover ended a year or more without releases' },
  'handover-from-sole-owner': { family: 'trust', weight: 10, meaning: 'before the handover, one account had published every release' },
  'maintainers-replaced': { family: 'trust', weight: 15, meaning: 'no maintainer of the previous release is a maintainer of this one' },
  'source-newcomer': {
    family: 'trust',
    weight: 40,
    meaning:
      'in the source history, a newcomer took over a dormant single-maintainer project (became the dominant committer, tagged releases, or changed dependencies, build, CI or release files right after getting push access) — the source-side equivalent of a dormant handover from a sole owner',
  },
  'source-release-authority': {
    family: 'trust',
    weight: 25,
    meaning: 'in the source history, a newcomer reached release authority (tags) quickly',
  },
  'new-signing-key': { family: 'trust', weight: 15, meaning: 'releases are signed with a key a newcomer introduced' },
  // ...or control may have changed without a new name: a stolen account publishing from elsewhere.
  'published-outside-repository': {
    family: 'trust',
    weight: 20,
    meaning: 'the release lost what tied earlier releases to the repository or the CI (gitHead, provenance, registry signature)',
  },
  'release-without-source': {
    family: 'trust',
    weight: 25,
    meaning:
      'no tag or commit in the source repository matches the release, while the repository tags its other releases (built and published outside the project)',
  },
  'release-burst': {
    family: 'trust',
    weight: 10,
    meaning: 'the release was published within hours of releases on other version lines (how a stolen token is used: every line at once)',
  },
  'dormant-release': {
    family: 'trust',
    weight: 10,
    meaning: 'the release ends a year or more without releases (abandoned packages are the cheapest to take over)',
  },
  // WHAT: something new that runs or hides.
  'young-dependency': {
    family: 'payload',
    weight: 25,
    meaning: 'a dependency added by this release was first published days before, by an account that never published this package',
  },
  'tiny-dependency': { family: 'payload', weight: 5, meaning: 'that new dependency is tiny (a payload carrier)' },
  'remote-dependency': {
    family: 'payload',
    weight: 20,
    meaning: 'a dependency now comes from git, an http URL or a file path instead of the registry',
  },
  'install-script': { family: 'payload', weight: 25, meaning: 'the release adds an install script' },
  'new-risky-content': {
    family: 'payload',
    weight: 15,
    meaning:
      'the release adds obfuscation, a decoding build idiom, a suspicious endpoint or an executable the previous release did not have',
  },
  'unexplained-code': {
    family: 'payload',
    weight: 35,
    meaning:
      'the published package carries executable code (minified, encrypted or loaded indirectly) that is not in its source repository and no build step explains',
  },
  'unexplained-file': {
    family: 'payload',
    weight: 10,
    meaning: 'the published package carries files that are not in its source repository',
  },
  'release-only-build-code': {
    family: 'payload',
    weight: 35,
    meaning: 'build code only in the release (not in the source) decodes or runs hidden data, or changes lifecycle scripts',
  },
  'content-high': {
    family: 'payload',
    weight: 30,
    meaning: 'the content analyzer found high-severity behaviour (hidden payload, exfiltration, encoded execution)',
  },
  'content-medium': { family: 'payload', weight: 10, meaning: 'the content analyzer found medium-severity behaviour' },
  'source-payload': {
    family: 'payload',
    weight: 30,
    meaning: 'the source history shows a payload shape: binary test files without a generator, a sabotaged feature check, fuzzing weakened',
  },
} as const satisfies Record<string, StoryWeight>;

export type StorySignalId = keyof typeof STORY_WEIGHTS;

/**
 * Signals seen on a dependency that this release added count at this share of their weight: the
 * payload is in the new dependency rather than in the package itself (event-stream → flatmap-stream).
 */
export const VIA_NEW_DEPENDENCY_SHARE = 1;

/** Lowest story score per severity (checked from the top); below `low`, no story. */
export const STORY_THRESHOLDS: readonly [Severity, number][] = [
  ['critical', 110],
  ['high', 70],
  ['medium', 40],
  ['low', 20],
];

export function storySeverity(score: number): Severity | undefined {
  for (const [s, min] of STORY_THRESHOLDS) if (score >= min) return s;
  return undefined;
}
