/** A short remediation line for `vigil scan` findings, from the advisory's own fixed events. */
import type { AdvisoryDb } from '../../sources/osv/index.js';
import type { AdvisoryHit } from './match.js';
import { entriesFor, fixedVersions, nearestSafe } from './nearest-safe.js';

export function safeVersionHint(_db: AdvisoryDb, hit: AdvisoryHit): string {
  const m = hit.matches[0]!;
  const entries = entriesFor(
    hit.group.advisories.filter((a) => !a.withdrawn),
    m.pkg.kind,
    m.pkg.name,
  );
  const cands = new Map(fixedVersions(entries).map((v) => [v, 'advisory']));
  const safe = nearestSafe(entries, m.version, cands);
  const what = hit.malicious ? 'Remove this release and rotate secrets reachable from machines that installed it. ' : '';
  const to = safe.upgrade ? `Move to ${safe.upgrade} or later (first fixed version).` : 'No fixed version is listed by the advisory.';
  return `${what}${to} Run \`vigil affected ${hit.group.id}\` for the nearest safe version in each direction and the exact override.`;
}
