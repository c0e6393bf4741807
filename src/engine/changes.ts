/** What changed since the previous stored scan of the same target. */
import type { ScanChanges, ScanResult } from '../core/result.js';
import type { StoredScan } from '../store/types.js';

export function computeChanges(current: ScanResult, previous: StoredScan): ScanChanges {
  const prev = previous.result;
  const prevPurls = new Set(prev.inventory.components.map((c) => c.purl));
  const curPurls = new Set(current.inventory.components.map((c) => c.purl));
  const prevByName = new Map<string, Set<string>>();
  for (const c of prev.inventory.components) (prevByName.get(c.name) ?? prevByName.set(c.name, new Set()).get(c.name)!).add(c.version);
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
  for (const c of [...prev.inventory.components, ...current.inventory.components]) names.set(c.purl, c.name);
  const nameOf = (purl: string) => names.get(purl);
  const prevFp = new Set(prev.findings.filter((f) => !f.suppressed).map((f) => f.fingerprint));
  // Resolved means gone: a finding still present but suppressed since is listed as suppressed, not resolved.
  const curAll = new Set(current.findings.map((f) => f.fingerprint));
  const nowSuppressed = new Set(current.findings.filter((f) => f.suppressed).map((f) => f.fingerprint));
  return {
    previousScanId: previous.id,
    previousAt: previous.at,
    newComponents: [...curPurls].filter((p) => !prevPurls.has(p) && !changedNames.has(nameOf(p) ?? '')).sort(),
    removedComponents: [...prevPurls].filter((p) => !curPurls.has(p) && !changedNames.has(nameOf(p) ?? '')).sort(),
    changedVersions: changedVersions.sort((a, b) => a.name.localeCompare(b.name)),
    newFindings: current.findings.filter((f) => !f.suppressed && !prevFp.has(f.fingerprint)).map((f) => f.fingerprint!),
    resolvedFindings: prev.findings.filter((f) => !f.suppressed && !curAll.has(f.fingerprint)).map((f) => f.fingerprint!),
    suppressedFindings: prev.findings.filter((f) => !f.suppressed && nowSuppressed.has(f.fingerprint)).map((f) => f.fingerprint!),
  };
}
