/** What changed since the previous stored scan of the same target. */
import type { ScanChanges, ScanResult } from '../core/result.js';
import type { ScanDigest } from '../store/scan-digest.js';

/** `previous` is the stored digest of the previous scan (its components and finding fingerprints), never the whole result. */
export function computeChanges(current: ScanResult, previous: ScanDigest): ScanChanges {
  const prevComponents = previous.components.map(([purl, name, version]) => ({ purl, name, version }));
  const prevPurls = new Set(prevComponents.map((c) => c.purl));
  const curPurls = new Set(current.inventory.components.map((c) => c.purl));
  const prevByName = new Map<string, Set<string>>();
  for (const c of prevComponents) (prevByName.get(c.name) ?? prevByName.set(c.name, new Set()).get(c.name)!).add(c.version);
  const curByName = new Map<string, Set<string>>();
  for (const c of current.inventory.components) (curByName.get(c.name) ?? curByName.set(c.name, new Set()).get(c.name)!).add(c.version);

  const changedVersions: ScanChanges['changedVersions'] = [];
  for (const [name, versions] of curByName) {
    const before = prevByName.get(name);
    if (!before) continue;
    const added = [...versions].filter((v) => !before.has(v));
    const removed = [...before].filter((v) => !versions.has(v));
    if (added.length && removed.length) changedVersions.push({ name, from: removed.join(', '), to: added.join(', ') });
  }
  const changedNames = new Set(changedVersions.map((c) => c.name));
  const names = new Map<string, string>();
  for (const c of [...prevComponents, ...current.inventory.components]) names.set(c.purl, c.name);
  const nameOf = (purl: string) => names.get(purl);
  const prevShown = previous.findings.filter((f) => !f.suppressed);
  const prevFp = new Set(prevShown.map((f) => f.fingerprint));
  // Resolved means gone: a finding still present but suppressed since is listed as suppressed, not resolved.
  const curAll = new Set(current.findings.map((f) => f.fingerprint));
  const nowSuppressed = new Set(current.findings.filter((f) => f.suppressed).map((f) => f.fingerprint));
  return {
    previousScanId: previous.id,
    previousAt: previous.at,
    newComponents: [...curPurls].filter((p) => !prevPurls.has(p) && !changedNames.has(nameOf(p) ?? '')).sort(),
    removedComponents: [...prevPurls].filter((p) => !curPurls.has(p) && !changedNames.has(nameOf(p) ?? '')).sort(),
    changedVersions: changedVersions.sort((a, b) => a.name.localeCompare(b.name)),
    newFindings: current.findings.filter((f) => !f.suppressed && !prevFp.has(f.fingerprint ?? '')).map((f) => f.fingerprint!),
    resolvedFindings: prevShown.filter((f) => !curAll.has(f.fingerprint)).map((f) => f.fingerprint),
    suppressedFindings: prevShown.filter((f) => nowSuppressed.has(f.fingerprint)).map((f) => f.fingerprint),
  };
}
