/** Small builders for tests: components, inventories, package files, findings. */
import { npmPurl } from '../../src/core/purl.js';
import type { Finding, Inventory, InventoryComponent } from '../../src/core/types.js';
import type { PackageFiles } from '../../src/sources/archive/types.js';
import type { AnalyzerServices, ComponentContext } from '../../src/analyzers/types.js';
import { createContentFactsService } from '../../src/analyzers/content/facts-service.js';
import type { Packument, VersionManifest } from '../../src/sources/npm/types.js';
import type { Alert } from '../../src/watch/types.js';

export function comp(name: string, version: string, extra: Partial<InventoryComponent> = {}): InventoryComponent {
  return {
    purl: npmPurl(name, version),
    ecosystem: 'npm',
    name,
    version,
    locations: [{ file: 'package-lock.json', line: 10 }],
    dev: false,
    optional: false,
    ...extra,
  };
}

export function inventoryOf(...components: InventoryComponent[]): Inventory {
  return {
    sources: [{ file: 'package-lock.json', format: 'package-lock.json v3' }],
    roots: [{ id: 'root:app', name: 'app', path: '.' }],
    components,
    edges: components.map((c) => ({ from: 'root:app', to: c.purl, kind: 'prod' as const, spec: `^${c.version}` })),
    problems: [],
  };
}

/** `pkg-0@1.0.0` … `pkg-{count-1}@1.0.0`, each with an integrity of its own (a scan's worth of distinct releases). */
export function numberedComponents(count: number): InventoryComponent[] {
  return Array.from({ length: count }, (_, i) =>
    comp(`pkg-${i}`, '1.0.0', { integrity: `sha512-${Buffer.from(`pkg-${i}`).toString('base64')}` }),
  );
}

export function filesOf(entries: Record<string, string | Buffer>): PackageFiles {
  const files = Object.entries(entries).map(([path, v]) => {
    const data = Buffer.isBuffer(v) ? v : Buffer.from(v);
    return { path, size: data.length, data };
  });
  return { origin: 'test', files, skipped: [], totalSize: files.reduce((n, f) => n + f.size, 0) };
}

export function manifestOf(name: string, version: string, extra: Partial<VersionManifest> = {}): VersionManifest {
  return { name, version, dist: { tarball: `http://127.0.0.1/${name}/-/${name}-${version}.tgz` }, raw: {}, ...extra };
}

export function packumentOf(m: VersionManifest, extra: Partial<Packument> = {}): Packument {
  return {
    name: m.name,
    distTags: { latest: m.version },
    versions: { [m.version]: m },
    available: { maintainers: false, npmUser: false, time: false, signatures: false, attestations: false },
    registry: 'http://127.0.0.1',
    fetchedAt: new Date(0).toISOString(),
    ...extra,
  };
}

/** The services of a run with nothing but the main-thread content facts, plus `parts`. */
export function servicesOf(parts: Partial<AnalyzerServices> = {}): AnalyzerServices {
  return { contentFacts: createContentFactsService(), ...parts };
}

export function ctxOf(c: InventoryComponent, parts: Partial<ComponentContext> = {}): ComponentContext {
  return { component: c, inventory: inventoryOf(c), services: servicesOf(), offline: false, ...parts };
}

export function findingOf(rule: string, subject: string, extra: Partial<Finding> = {}): Finding {
  return {
    rule,
    severity: 'medium',
    confidence: 'high',
    subject,
    title: `${rule} on ${subject}`,
    evidence: [{ kind: 'text', excerpt: 'x' }],
    explanation: 'e',
    analyzer: { id: 't', version: '1' },
    ...extra,
  };
}

/** A `watch` alert: dep@1.2.0 published (for webhook tests). */
export function newVersionAlert(): Alert {
  return {
    id: 'npm:dep@1.2.0:new-version',
    kind: 'new-version',
    package: 'dep',
    version: '1.2.0',
    severity: 'high',
    title: 'dep@1.2.0 published',
    detail: '',
    findings: [],
    exposed: [],
    at: '2026-12-03T00:00:00.000Z',
  };
}
