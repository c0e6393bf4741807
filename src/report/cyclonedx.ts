/**
 * `--format cyclonedx`: a CycloneDX 1.6 JSON SBOM of the scanned inventory, built with the
 * CycloneDX project's own library. Components carry their purls, hashes from the locked integrity,
 * the download URL, and vigil's findings counts and scores as `vigil:*` properties; the dependency
 * graph is the inventory's edges. The first root is the BOM's main component; further roots
 * (workspaces) are application components it depends on.
 */
import { randomUUID } from 'node:crypto';
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { ScanResult } from '../core/result.js';
import type { InventoryComponent, Root } from '../core/types.js';
import { componentProperties, findingCounts } from './cyclonedx/properties.js';

const HASH_ALG: Record<string, Enums.HashAlgorithm> = {
  sha512: Enums.HashAlgorithm['SHA-512'],
  sha384: Enums.HashAlgorithm['SHA-384'],
  sha256: Enums.HashAlgorithm['SHA-256'],
  sha1: Enums.HashAlgorithm['SHA-1'],
};

function hashes(integrity: string | undefined): Models.HashDictionary {
  const d = new Models.HashDictionary();
  for (const part of (integrity ?? '').split(/\s+/)) {
    const m = /^(sha512|sha384|sha256|sha1)-([A-Za-z0-9+/=]+)$/.exec(part);
    if (m && HASH_ALG[m[1]!]) d.set(HASH_ALG[m[1]!]!, Buffer.from(m[2]!, 'base64').toString('hex'));
  }
  return d;
}

function toComponent(c: InventoryComponent, result: ScanResult, counts: ReturnType<typeof findingCounts>): Models.Component {
  const slash = c.ecosystem === 'npm' && c.name.startsWith('@') ? c.name.indexOf('/') : -1;
  const props = componentProperties(result, c.purl, counts);
  if (c.dev) props.push(['vigil:dev', 'true']);
  if (c.optional) props.push(['vigil:optional', 'true']);
  if (c.notAnalyzed) props.push(['vigil:notAnalyzed', c.notAnalyzed]);
  const loc = c.locations[0];
  if (loc) props.push(['vigil:location', loc.line ? `${loc.file}:${loc.line}` : loc.file]);
  const comp = new Models.Component(Enums.ComponentType.Library, slash > 0 ? c.name.slice(slash + 1) : c.name, {
    bomRef: c.purl,
    purl: c.purl,
    group: slash > 0 ? c.name.slice(0, slash) : undefined,
    version: c.version || undefined,
    scope: c.dev ? Enums.ComponentScope.Excluded : c.optional ? Enums.ComponentScope.Optional : Enums.ComponentScope.Required,
    hashes: hashes(c.integrity),
    properties: new Models.PropertyRepository(props.map(([k, v]) => new Models.Property(k, v))),
  });
  if (c.resolved && /^[a-z][a-z0-9+.-]*:/i.test(c.resolved)) {
    comp.externalReferences.add(new Models.ExternalReference(c.resolved, Enums.ExternalReferenceType.Distribution));
  }
  return comp;
}

function rootComponent(r: Root): Models.Component {
  return new Models.Component(Enums.ComponentType.Application, r.name, {
    bomRef: r.id,
    version: r.version,
    properties: new Models.PropertyRepository([new Models.Property('vigil:root:path', r.path)]),
  });
}

export function renderCycloneDx(result: ScanResult): string {
  const inv = result.inventory;
  const counts = findingCounts(result);
  const bom = new Models.Bom({ serialNumber: `urn:uuid:${randomUUID()}` });
  bom.metadata.timestamp = new Date(result.finishedAt);
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'vigil', { version: result.tool.version }));
  bom.metadata.properties.add(new Models.Property('vigil:schemaVersion', result.schemaVersion));
  for (const s of inv.sources)
    bom.metadata.properties.add(
      new Models.Property('vigil:source', `${s.file} (${s.format})${s.resolvedNotLocked ? ' resolved, not locked' : ''}`),
    );

  const byRef = new Map<string, Models.Component>();
  for (const c of inv.components) {
    const comp = toComponent(c, result, counts);
    byRef.set(c.purl, comp);
    bom.components.add(comp);
  }
  const [first, ...others] = inv.roots;
  const main = first
    ? rootComponent(first)
    : new Models.Component(Enums.ComponentType.Application, result.target.path, { bomRef: 'root:.' });
  bom.metadata.component = main;
  if (first) byRef.set(first.id, main);
  for (const r of others) {
    const comp = rootComponent(r);
    byRef.set(r.id, comp);
    bom.components.add(comp);
    main.dependencies.add(comp.bomRef);
  }
  for (const e of inv.edges) {
    const from = byRef.get(e.from);
    const to = byRef.get(e.to);
    if (from && to) from.dependencies.add(to.bomRef);
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}
