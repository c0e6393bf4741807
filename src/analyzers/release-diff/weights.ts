/**
 * The takeover-risk weights, in one place. A release's score is the sum of the weights of its
 * signals; severity follows the score through SCORE_THRESHOLDS. Weights are set so that no single
 * ordinary signal reaches `high` on its own — only signals that are takeover shapes by themselves
 * (provenance that a project always had disappears, an install script appearing in a patch
 * release) do — while the classic combination "new publisher + new young dependency + dormant
 * package" lands in `critical`. Per-rule caps and the two modifiers (patch release, outside the
 * caret range) are applied in score.ts.
 *
 * Tuned on 842 real 2020 packuments (bench/diff-false-alarms.ts, 21,620 releases, 1,427 publisher
 * changes): publisher/maintainer signals alone flag 0.07% of publisher changes high, with manifest
 * changes (dependencies, scripts) 0.42% (target ≤ 1%). What moved it from 1.47%: the handover
 * signals together are capped at `handoverMax` (60, medium) — registry metadata says who took
 * over, not what they shipped; before that, e-mail domain changes 25 → 10, replacement by a team
 * weighs half, new dependencies weigh by release kind, a young dependency by an established
 * publisher weighs 5, and handovers outside the caret range count half. A handover becomes high
 * with content (a young dependency by an unknown author, an install script), and the correlation
 * layer (src/correlate/) joins it with the other analyzers' evidence into one takeover story.
 */
import type { Severity } from '../../core/types.js';

export const WEIGHTS = {
  // Publisher and maintainers (registry metadata).
  /** Published by an account that never published this package and was not a listed maintainer of the previous release. */
  newPublisherOutsider: 30,
  /** Published by an account publishing this package for the first time, but already a listed maintainer before. */
  newPublisherKnown: 10,
  /** No maintainer of the previous release is a maintainer of this one, and the new list has ≤ 2 accounts. */
  maintainersReplaced: 40,
  /** ...replaced by a team of 3 or more (moving to an organisation: 8 of the 31 real cases in the bench). */
  maintainersReplacedByTeam: 20,
  /** Maintainers added (the list grew or changed, with overlap). */
  maintainerAdded: 5,
  /** A maintainer kept their name but their e-mail domain changed (expired-domain takeovers). */
  maintainerEmailDomain: 10,
  /** ≥ 1 year since the previous release, and published by a new publisher. */
  dormantNewPublisher: 30,
  /** ≥ 1 year since the previous release by the usual publisher (context only). */
  dormant: 0,
  /** gitHead missing where the previous releases had it (published from outside the repository). */
  gitHeadMissing: 10,
  /** Provenance attestations on the previous release, none now. */
  provenanceDropped: 60,
  /** ...and the three releases before it all had provenance. */
  provenanceConsistent: 15,
  /** Registry signatures on the previous release, none now. */
  signaturesDropped: 40,
  /** Released within hours of releases on other version lines (context only: backports look the same). */
  releaseBurst: 0,
  /** A release older in semver than the one published just before it, in the same minor line. */
  outOfOrder: 10,
  /** A patch release whose files changed wholesale. */
  patchContentRewrite: 20,

  // Content and manifest (release files, package.json).
  installScriptAdded: 50,
  installScriptChanged: 30,
  /**
   * The install script still starts with the old command and only adds a fallback (`old || npm run
   * build`, `old || node-gyp rebuild`) that runs the package's own scripts: sharp 0.34.5.
   */
  installScriptFallback: 10,
  /** Per new capability kind that the previous release did not have anywhere (risky kinds). */
  newCapabilityRisky: 20,
  newCapabilityOther: 5,
  newCapabilityMax: 40,
  newObfuscation: 35,
  newBuildIdiom: 35,
  newEndpoint: 30,
  newBlob: 20,
  newBinary: 25,
  newBinaryDisguised: 45,
  /**
   * A new binary in a prebuilt platform package (its manifest restricts `os`/`cpu`), or one that
   * replaces a binary of the same kind in the same folder (a versioned `libvips-cpp.so.8.17.3`):
   * shipping binaries is what such a package is for (the `@img/sharp-*` packages).
   */
  newBinaryExpected: 5,
  /** Per new dependency, by release kind: new dependencies are expected in majors, odd in patches. */
  newDependencyPatch: 15,
  newDependencyMinor: 10,
  newDependencyMajor: 5,
  newDependencyMax: 30,
  /**
   * A new dependency in an npm scope the previous release already depended on: scopes are owned,
   * so only the same owner can publish there (sharp adding `@img/sharp-linux-riscv64` next to its
   * other `@img/*` platform packages).
   */
  newDependencySameScope: 0,
  youngDependency: 25,
  /** ...when its first publisher had already published this package (an author splitting a library into modules). */
  youngDependencyOwnAuthor: 5,
  tinyDependency: 10,
  remoteDependency: 35,
  sizeJump: 10,
  unusualFiles: 5,
  unusualFilesMax: 15,
  /** Added on top when a patch release carries content signals worth ≥ 20 (a patch should not grow powers). */
  patchRelease: 20,
  /**
   * Share of the handover signals (new publisher, maintainers replaced, dormancy, maintainer changes)
   * that still counts when the release is outside the previous release's caret range (a new major,
   * a 0.x minor, a prerelease): existing `^` ranges do not pick it up, so a takeover gains little
   * from it, while a new owner starting a new major is the common legitimate handover (ljharb's
   * is-map 2.0.0, chaijs' deep-eql 1.0.0 in the bench).
   */
  outsideCaretShare: 0.5,
  /**
   * Cap on the handover signals together (new publisher, maintainers replaced, dormancy, maintainer
   * changes): registry metadata alone describes a handover, never what the new owner shipped, so it
   * stays below `high`. Handover plus content (a young dependency, a new install script, new
   * capabilities) still reaches high and critical; the correlation layer (src/correlate/) joins it
   * with the other analyzers' evidence.
   */
  handoverMax: 60,
} as const;

/** Lowest score for each severity (checked from the top). */
export const SCORE_THRESHOLDS: readonly [Severity, number][] = [
  ['critical', 110],
  ['high', 70],
  ['medium', 40],
  ['low', 20],
  ['info', 0],
];

export function severityForScore(score: number): Severity {
  for (const [s, min] of SCORE_THRESHOLDS) if (score >= min) return s;
  return 'info';
}

/** Capability kinds whose first appearance in a package matters most. */
/**
 * Capability kinds whose first appearance weighs `newCapabilityRisky`. Plain `decode` (base64/hex
 * Buffer conversions) is everywhere in ordinary code and weighs `newCapabilityOther`; decoding that
 * is executed is caught by the content analyzer's own decoded-exec rule.
 */
export const RISKY_CAPABILITIES = new Set([
  'network',
  'child-process',
  'env-serialize',
  'eval',
  'vm',
  'fs-sensitive',
  'crypto-decipher',
  'executable',
  'native-addon',
]);

/** Dependency younger than this at the release's publish time counts as young. */
export const YOUNG_DEPENDENCY_DAYS = 30;
/** Dependency whose unpacked size is under this many bytes (or ≤ 3 files) counts as tiny. */
export const TINY_DEPENDENCY_BYTES = 4096;
export const DORMANT_DAYS = 365;
