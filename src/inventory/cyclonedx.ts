/**
 * CycloneDX JSON SBOM input (specVersion 1.4–1.6): components (nested ones too), the dependency
 * graph, purls. The BOM's `metadata.component` is the root; without it (or without a graph), the
 * components nothing depends on are taken as the direct dependencies of one root. Further
 * applications without a purl (workspaces, as vigil itself writes them) are roots too.
 */
import { basename } from 'node:path';
import { VigilError } from '../core/errors.js';
import type { DependencyKind, Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { duplicateKeyProblems, isRecord, parseJsonInput, str } from './json-input.js';
import { sbomComponent } from './sbom-common.js';
import type { ExtractInput, Extractor } from './types.js';

const SUPPORTED = ['1.4', '1.5', '1.6'];

function integrityOf(hashes: unknown): string | undefined {
  if (!Array.isArray(hashes)) return undefined;
  for (const alg of ['SHA-512', 'SHA-384', 'SHA-256', 'SHA-1']) {
    const h = hashes.find((x) => isRecord(x) && x.alg === alg && typeof x.content === 'string') as Record<string, string> | undefined;
    if (h?.content && /^[0-9a-f]+$/i.test(h.content))
      return `${alg.toLowerCase().replace('-', '')}-${Buffer.from(h.content, 'hex').toString('base64')}`;
  }
  return undefined;
}

function distributionUrl(refs: unknown): string | undefined {
  if (!Array.isArray(refs)) return undefined;
  const r = refs.find((x) => isRecord(x) && x.type === 'distribution' && typeof x.url === 'string') as Record<string, string> | undefined;
  return r?.url;
}

function extract(input: ExtractInput): Inventory {
  const file = input.displayPath;
  const { value, lines } = parseJsonInput(input.text, file, 'E_SBOM_PARSE', 'CycloneDX SBOM');
  if (!isRecord(value) || value.bomFormat !== 'CycloneDX') {
    throw new VigilError('E_SBOM_PARSE', 'not a CycloneDX JSON SBOM ("bomFormat": "CycloneDX" missing)', { file, line: 1 });
  }
  const spec = str(value.specVersion);
  if (!spec || !SUPPORTED.includes(spec)) {
    throw new VigilError(
      'E_SBOM_PARSE',
      `unsupported CycloneDX specVersion ${JSON.stringify(value.specVersion ?? null)} (vigil reads ${SUPPORTED.join(', ')})`,
      {
        file,
        line: lines.lineOf(['specVersion']) ?? 1,
      },
    );
  }
  const b = new InventoryBuilder({ file, format: `CycloneDX ${spec} JSON` });
  for (const p of duplicateKeyProblems(lines, file, 'E_SBOM_PARSE')) b.problem(p);
  const meta = isRecord(value.metadata) && isRecord(value.metadata.component) ? value.metadata.component : undefined;
  const rootRef = meta ? str(meta['bom-ref']) : undefined;
  const rootName = (meta && str(meta.name)) || basename(file);
  const rootId = b.addRoot({
    id: `root:${rootName}`,
    name: rootName,
    path: '.',
    ...(meta && str(meta.version) ? { version: str(meta.version) } : {}),
  });

  const byRef = new Map<string, { purl: string; kind: DependencyKind }>();
  const rootRefs = new Map<string, string>();
  if (rootRef) rootRefs.set(rootRef, rootId);
  const walk = (list: unknown, path: (string | number)[], depth: number): void => {
    if (!Array.isArray(list) || depth > 50) return;
    list.forEach((c, i) => {
      const p = [...path, i];
      const line = lines.lineOf(p);
      if (!isRecord(c)) {
        b.problem({ code: 'E_SBOM_PARSE', message: 'component is not an object; skipped', file, line });
        return;
      }
      const ref = str(c['bom-ref']);
      if (ref && ref !== rootRef && c.type === 'application' && c.purl === undefined) {
        const name = str(c.name) ?? ref;
        const props = Array.isArray(c.properties) ? c.properties : [];
        const pathProp = props.find((x) => isRecord(x) && x.name === 'vigil:root:path') as Record<string, string> | undefined;
        rootRefs.set(
          ref,
          b.addRoot({ id: `root:${name}`, name, path: pathProp?.value ?? name, ...(str(c.version) ? { version: str(c.version) } : {}) }),
        );
      } else if (!(ref && ref === rootRef)) {
        const { input: ci, problem } = sbomComponent(
          {
            label: ref ?? str(c.name) ?? `#${i}`,
            purl: str(c.purl),
            name: str(c.name),
            group: str(c.group),
            version: str(c.version),
            file,
            line,
            resolved: distributionUrl(c.externalReferences),
            integrity: integrityOf(c.hashes),
          },
          'E_SBOM_PARSE',
        );
        if (problem) b.problem(problem);
        if (ci) {
          const purl = b.addComponent(ci);
          if (!purl) return;
          const kind: DependencyKind = c.scope === 'optional' ? 'optional' : c.scope === 'excluded' ? 'dev' : 'prod';
          if (ref) byRef.set(ref, { purl, kind });
          else byRef.set(purl, { purl, kind });
        }
      }
      walk(c.components, [...p, 'components'], depth + 1);
    });
  };
  walk(value.components, ['components'], 0);

  const deps = Array.isArray(value.dependencies) ? value.dependencies : [];
  const hasDependent = new Set<string>();
  let rootHasEntry = false;
  deps.forEach((d, i) => {
    const line = lines.lineOf(['dependencies', i]);
    if (!isRecord(d) || typeof d.ref !== 'string') {
      b.problem({ code: 'E_SBOM_PARSE', message: 'dependency entry without a "ref"; skipped', file, line });
      return;
    }
    const isRoot = d.ref === rootRef;
    const from = rootRefs.get(d.ref) ?? byRef.get(d.ref)?.purl;
    if (!from) {
      b.problem({
        code: 'E_SBOM_PARSE',
        message: `dependency entry refers to unknown component "${d.ref}" (dangling reference)`,
        file,
        line,
        subject: d.ref,
      });
      return;
    }
    if (isRoot) rootHasEntry = true;
    for (const t of Array.isArray(d.dependsOn) ? d.dependsOn : []) {
      if (typeof t === 'string' && rootRefs.has(t)) continue; // root → root: both are roots already
      const to = typeof t === 'string' ? byRef.get(t) : undefined;
      if (!to) {
        b.problem({
          code: 'E_SBOM_PARSE',
          message: `"${d.ref}" depends on unknown component ${JSON.stringify(t)} (dangling reference)`,
          file,
          line,
          subject: String(t),
        });
        continue;
      }
      hasDependent.add(to.purl);
      b.addEdge(from, to.purl, to.kind);
    }
  });
  if (!rootHasEntry) {
    for (const { purl, kind } of byRef.values()) if (!hasDependent.has(purl)) b.addEdge(rootId, purl, kind);
    b.source.note =
      'the SBOM does not list the direct dependencies of its main component: components nothing depends on are taken as direct';
  }
  return b.build();
}

export function looksLikeCycloneDx(head: string): boolean {
  return /"bomFormat"\s*:\s*"CycloneDX"/.test(head);
}

export const cyclonedxExtractor: Extractor = {
  id: 'cyclonedx',
  format: 'CycloneDX JSON SBOM 1.4–1.6',
  fileNames: ['bom.json', 'sbom.json', 'cyclonedx.json', '*.cdx.json', '*.cyclonedx.json'],
  detect: (path, head) => path.endsWith('.json') && looksLikeCycloneDx(head),
  extract: (input) => extract(input),
};
