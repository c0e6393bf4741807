/**
 * When is the previous release's tarball worth downloading? Comparing file by file costs a second
 * download and parse per component, so by default it is done only when the registry metadata or
 * this release's own content findings point at a change worth explaining: a new publisher, new or
 * changed install scripts, new dependencies, a size jump, a release after a long dormancy, or a
 * content finding at medium or above. `--deep` compares every release.
 */
import type { Finding } from '../../core/types.js';
import type { Packument, VersionManifest } from '../../sources/npm/types.js';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;
const DORMANT_MS = 365 * 24 * 3600 * 1000;
/** Size jump: more than this factor and this many bytes larger (unpacked) than the release before. */
const SIZE_FACTOR = 2;
const SIZE_MIN_BYTES = 256 * 1024;
const CONTENT_SEVERITIES = new Set(['medium', 'high', 'critical']);

function depNames(m: VersionManifest): Set<string> {
  return new Set([...Object.keys(m.dependencies ?? {}), ...Object.keys(m.optionalDependencies ?? {})]);
}

/** Why the previous release's files should be compared, or undefined when metadata comparison suffices. */
export function previousFilesTrigger(p: Packument, version: string, previous: string, findings: readonly Finding[]): string | undefined {
  const cur = p.versions[version];
  const prev = p.versions[previous];
  if (!cur || !prev) return undefined;
  const content = findings.find((f) => f.rule.startsWith('content/') && CONTENT_SEVERITIES.has(f.severity));
  if (content) return `content finding ${content.rule}`;
  if (cur.npmUser?.name && prev.npmUser?.name && cur.npmUser.name !== prev.npmUser.name) return `new publisher ${cur.npmUser.name}`;
  const script = INSTALL_SCRIPTS.find((s) => (cur.scripts?.[s] ?? '') !== (prev.scripts?.[s] ?? '') && cur.scripts?.[s]);
  if (script) return `new or changed ${script} script`;
  if (cur.hasInstallScript && !prev.hasInstallScript) return 'install script appeared';
  const before = depNames(prev);
  const added = [...depNames(cur)].filter((n) => !before.has(n));
  if (added.length) return `new dependencies: ${added.slice(0, 3).join(', ')}${added.length > 3 ? ', …' : ''}`;
  const a = prev.dist.unpackedSize;
  const b = cur.dist.unpackedSize;
  if (a !== undefined && b !== undefined && b > a * SIZE_FACTOR && b - a > SIZE_MIN_BYTES) return `unpacked size ${a} → ${b} bytes`;
  const t0 = p.available.time ? p.time?.[previous] : undefined;
  const t1 = p.available.time ? p.time?.[version] : undefined;
  if (t0 && t1 && Date.parse(t1) - Date.parse(t0) > DORMANT_MS)
    return `released after ${Math.round((Date.parse(t1) - Date.parse(t0)) / 86_400_000)} days without a release`;
  return undefined;
}
