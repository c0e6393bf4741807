/**
 * Capability delta: compares the content analyzer's ContentFacts of two releases (never
 * re-detects). A capability kind, obfuscation technique, build idiom, endpoint host, data blob or
 * binary that the new release has and the old one did not becomes a signal; its evidence is the
 * site in the new release, marked when that line is new in this release.
 */
import type { Evidence } from '../../core/types.js';
import type { ContentFacts, Site } from '../content/types.js';
import type { Signal } from './types.js';
import { RISKY_CAPABILITIES, WEIGHTS } from './weights.js';

export type LineCheck = (file: string, line: number) => boolean | undefined;

const MAX_SITES = 3;

/** `field` names what is new (capability kind, technique, host) so findings fingerprint apart. */
function siteEv(s: Site, label: string, isNew: LineCheck | undefined, field = label): Evidence {
  const fresh = s.line > 0 ? isNew?.(s.file, s.line) : undefined;
  return {
    kind: 'file',
    label: fresh === true ? `${label} (changed line)` : label,
    file: s.file,
    field,
    ...(s.line > 0 ? { line: s.line } : {}),
    excerpt: s.excerpt,
    ...(s.detail ? { value: s.detail } : {}),
  };
}

/** Prefer sites on lines that are new in this release. */
function pick<T extends Site>(sites: T[], isNew: LineCheck | undefined): T[] {
  const scored = sites.map((s) => ({ s, n: s.line > 0 && isNew?.(s.file, s.line) === true ? 0 : 1 }));
  return scored
    .sort((a, b) => a.n - b.n)
    .slice(0, MAX_SITES)
    .map((x) => x.s);
}

/**
 * Code only under test folders is not run by the package's users: a new capability there weighs as
 * "other". (Payloads hidden in test *data* are the content analyzer's blob and decoder rules.)
 */
const TEST_DIR = /(^|\/)(tests?|__tests__|spec|specs|examples?|benchmarks?)\//;
const isTestFile = (f: string): boolean => TEST_DIR.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f);

/** `platformPackage`: the release restricts os/cpu (see platform.ts), so new binaries are expected. */
export function capabilitySignals(prev: ContentFacts, cur: ContentFacts, isNew?: LineCheck, platformPackage = false): Signal[] {
  const out: Signal[] = [];
  const kinds = (f: ContentFacts) => new Set(Object.values(f.fileCapabilities).flat());
  const before = kinds(prev);
  for (const kind of [...kinds(cur)].sort()) {
    if (before.has(kind)) continue;
    const files = Object.entries(cur.fileCapabilities)
      .filter(([, k]) => k.includes(kind))
      .map(([f]) => f)
      .sort();
    const sites = pick(
      cur.capabilities.filter((c) => c.kind === kind),
      isNew,
    );
    const evidence = sites.length
      ? sites.map((s) => siteEv(s, kind, isNew))
      : files.slice(0, MAX_SITES).map((f) => ({ kind: 'file' as const, label: kind, file: f, field: kind }));
    out.push({
      rule: 'release-diff/new-capability',
      weight: RISKY_CAPABILITIES.has(kind) && !files.every(isTestFile) ? WEIGHTS.newCapabilityRisky : WEIGHTS.newCapabilityOther,
      source: 'content',
      title: `new ${kind} capability (${files.length} file${files.length === 1 ? '' : 's'}: ${files.slice(0, 3).join(', ')})`,
      evidence,
    });
  }

  const oldObf = new Set(prev.obfuscation.map((o) => `${o.file}|${o.technique}`));
  const newObf = cur.obfuscation.filter((o) => !oldObf.has(`${o.file}|${o.technique}`));
  for (const tech of [...new Set(newObf.map((o) => o.technique))].sort()) {
    const sites = pick(
      newObf.filter((o) => o.technique === tech),
      isNew,
    );
    out.push({
      rule: 'release-diff/new-obfuscation',
      weight: WEIGHTS.newObfuscation,
      source: 'content',
      title: `new obfuscation (${tech}) in ${[...new Set(sites.map((s) => s.file))].join(', ')}`,
      evidence: sites.map((s) => siteEv(s, tech, isNew)),
    });
  }

  const oldIdioms = new Set(prev.buildSignals.map((b) => `${b.file}|${b.idiom}`));
  const newIdioms = cur.buildSignals.filter((b) => !oldIdioms.has(`${b.file}|${b.idiom}`));
  for (const idiom of [...new Set(newIdioms.map((b) => b.idiom))].sort()) {
    const sites = pick(
      newIdioms.filter((b) => b.idiom === idiom),
      isNew,
    );
    out.push({
      rule: 'release-diff/new-build-idiom',
      weight: WEIGHTS.newBuildIdiom,
      source: 'content',
      title: `new ${idiom} idiom in ${[...new Set(sites.map((s) => s.file))].join(', ')}`,
      evidence: sites.map((s) => siteEv(s, idiom, isNew)),
    });
  }

  const oldHosts = new Set(prev.endpoints.map((e) => e.host));
  const newHosts = cur.endpoints.filter((e) => !oldHosts.has(e.host));
  for (const host of [...new Set(newHosts.map((e) => e.host))].sort().slice(0, 5)) {
    const sites = pick(
      newHosts.filter((e) => e.host === host),
      isNew,
    );
    out.push({
      rule: 'release-diff/new-endpoint',
      weight: WEIGHTS.newEndpoint,
      source: 'content',
      title: `new ${sites[0]?.category ?? ''} endpoint ${host}`,
      evidence: sites.map((s) => siteEv(s, `${s.category} endpoint`, isNew, host)),
    });
  }

  const oldBlobs = new Set(prev.blobs.map((b) => b.file));
  for (const b of cur.blobs.filter((x) => !oldBlobs.has(x.file)).slice(0, 5)) {
    out.push({
      rule: 'release-diff/new-blob',
      weight: WEIGHTS.newBlob,
      source: 'content',
      title: `new ${b.format} data file ${b.file} (${b.size} bytes, entropy ${b.entropy})`,
      evidence: [
        {
          kind: 'file',
          label: `${b.format} blob`,
          file: b.file,
          value: { size: b.size, entropy: b.entropy, referencedBy: b.referencedBy },
        },
      ],
    });
  }

  const oldBins = new Set(prev.binaries.map((b) => b.file));
  const dir = (f: string) => f.slice(0, f.lastIndexOf('/') + 1);
  const oldPlaces = new Set(prev.binaries.map((b) => `${b.kind}|${dir(b.file)}`));
  for (const b of cur.binaries.filter((x) => !oldBins.has(x.file)).slice(0, 5)) {
    // A replacement (same kind, same folder: a versioned library name) or a platform package's binary.
    const expected = !b.disguised && (platformPackage || oldPlaces.has(`${b.kind}|${dir(b.file)}`));
    const why = expected
      ? platformPackage
        ? ' (a prebuilt platform package)'
        : ' (replaces a binary of the same kind in this folder)'
      : '';
    out.push({
      rule: 'release-diff/new-binary',
      weight: b.disguised ? WEIGHTS.newBinaryDisguised : expected ? WEIGHTS.newBinaryExpected : WEIGHTS.newBinary,
      source: 'content',
      title: `new ${b.kind} binary ${b.file}${b.disguised ? ' disguised as a non-executable file' : ''} (${b.size} bytes)${why}`,
      evidence: [{ kind: 'file', label: `${b.kind} binary`, file: b.file, value: b.size }],
    });
  }
  return out;
}

/** Install scripts as the content analyzer read them from the tarball's package.json. */
export function scriptsOf(f: ContentFacts): { scripts: Record<string, string>; files: Record<string, string[]> } {
  const scripts: Record<string, string> = {};
  const files: Record<string, string[]> = {};
  for (const s of f.installScripts) {
    scripts[s.event] = s.command;
    files[s.event] = s.files;
  }
  return { scripts, files };
}
