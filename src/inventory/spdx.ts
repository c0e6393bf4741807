/**
 * SPDX 2.3 JSON SBOM input: packages (purl from `externalRefs`), relationships as dependency edges.
 * Packages the document DESCRIBES are the roots; without any, packages nothing depends on are the
 * direct dependencies of one root named after the document.
 */
import { VigilError } from '../core/errors.js';
import type { DependencyKind, Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { duplicateKeyProblems, isRecord, parseJsonInput, str } from './json-input.js';
import { sbomComponent } from './sbom-common.js';
import type { ExtractInput, Extractor } from './types.js';

/** relationshipType → [kind, reversed (the element is the dependency)] */
const RELATIONSHIPS: Record<string, [DependencyKind, boolean]> = {
  DEPENDS_ON: ['prod', false],
  CONTAINS: ['prod', false],
  DEPENDENCY_OF: ['prod', true],
  RUNTIME_DEPENDENCY_OF: ['prod', true],
  CONTAINED_BY: ['prod', true],
  DEV_DEPENDENCY_OF: ['dev', true],
  BUILD_DEPENDENCY_OF: ['dev', true],
  TEST_DEPENDENCY_OF: ['dev', true],
  OPTIONAL_DEPENDENCY_OF: ['optional', true],
  PROVIDED_DEPENDENCY_OF: ['optional', true],
};

const SUPPORTED = ['SPDX-2.2', 'SPDX-2.3'];

function extract(input: ExtractInput): Inventory {
  const file = input.displayPath;
  const { value, lines } = parseJsonInput(input.text, file, 'E_SBOM_PARSE', 'SPDX SBOM');
  if (!isRecord(value) || typeof value.spdxVersion !== 'string') {
    throw new VigilError('E_SBOM_PARSE', 'not an SPDX JSON document ("spdxVersion" missing)', { file, line: 1 });
  }
  if (!SUPPORTED.includes(value.spdxVersion)) {
    throw new VigilError('E_SBOM_PARSE', `unsupported spdxVersion ${JSON.stringify(value.spdxVersion)} (vigil reads SPDX-2.3 JSON)`, {
      file,
      line: lines.lineOf(['spdxVersion']) ?? 1,
    });
  }
  const b = new InventoryBuilder({ file, format: `${value.spdxVersion} JSON` });
  for (const p of duplicateKeyProblems(lines, file, 'E_SBOM_PARSE')) b.problem(p);
  const docId = str(value.SPDXID) ?? 'SPDXRef-DOCUMENT';
  const rels = Array.isArray(value.relationships) ? value.relationships : [];
  const described = new Set<string>(
    Array.isArray(value.documentDescribes) ? value.documentDescribes.filter((x): x is string => typeof x === 'string') : [],
  );
  for (const r of rels) {
    if (isRecord(r) && r.spdxElementId === docId && r.relationshipType === 'DESCRIBES' && typeof r.relatedSpdxElement === 'string')
      described.add(r.relatedSpdxElement);
  }

  const byId = new Map<string, string>();
  const pkgs = Array.isArray(value.packages) ? value.packages : [];
  pkgs.forEach((p, i) => {
    const line = lines.lineOf(['packages', i]);
    if (!isRecord(p) || typeof p.SPDXID !== 'string') {
      b.problem({ code: 'E_SBOM_PARSE', message: 'package without an SPDXID; skipped', file, line });
      return;
    }
    const name = str(p.name) ?? p.SPDXID;
    if (described.has(p.SPDXID)) {
      byId.set(
        p.SPDXID,
        b.addRoot({ id: `root:${name}`, name, path: '.', ...(str(p.versionInfo) ? { version: str(p.versionInfo) } : {}) }),
      );
      return;
    }
    const refs = Array.isArray(p.externalRefs) ? p.externalRefs : [];
    const purlRef = refs.find((r) => isRecord(r) && r.referenceType === 'purl' && typeof r.referenceLocator === 'string') as
      Record<string, string> | undefined;
    const dl = str(p.downloadLocation);
    const sums = Array.isArray(p.checksums) ? p.checksums : [];
    const sha = ['SHA512', 'SHA256', 'SHA1']
      .map(
        (alg) =>
          sums.find(
            (c) => isRecord(c) && c.algorithm === alg && typeof c.checksumValue === 'string' && /^[0-9a-f]+$/i.test(c.checksumValue),
          ) as Record<string, string> | undefined,
      )
      .find(Boolean);
    const integrity = sha ? `${sha.algorithm!.toLowerCase()}-${Buffer.from(sha.checksumValue!, 'hex').toString('base64')}` : undefined;
    const { input: ci, problem } = sbomComponent(
      {
        label: p.SPDXID,
        purl: purlRef?.referenceLocator,
        name,
        version: str(p.versionInfo),
        file,
        line,
        integrity,
        resolved: dl && dl !== 'NOASSERTION' && dl !== 'NONE' ? dl : undefined,
      },
      'E_SBOM_PARSE',
    );
    if (problem) b.problem(problem);
    const purl = ci ? b.addComponent(ci) : undefined;
    if (purl) byId.set(p.SPDXID, purl);
  });

  let rootId: string | undefined = [...described].map((d) => byId.get(d)).find((x) => x?.startsWith('root:'));
  const hasDependent = new Set<string>();
  rels.forEach((r, i) => {
    if (!isRecord(r)) return;
    const type = str(r.relationshipType) ?? '';
    const rel = RELATIONSHIPS[type];
    if (!rel) return;
    const line = lines.lineOf(['relationships', i]);
    const a = str(r.spdxElementId);
    const z = str(r.relatedSpdxElement);
    if (!a || !z || z === 'NOASSERTION' || z === 'NONE') return;
    const [kind, reversed] = rel;
    const fromId = reversed ? z : a;
    const toId = reversed ? a : z;
    const from = byId.get(fromId);
    const to = byId.get(toId);
    if (!from || !to) {
      b.problem({
        code: 'E_SBOM_PARSE',
        message: `relationship ${a} ${type} ${z} refers to an unknown element "${from ? toId : fromId}" (dangling reference)`,
        file,
        line,
        subject: from ? toId : fromId,
      });
      return;
    }
    if (to.startsWith('root:')) return;
    hasDependent.add(to);
    b.addEdge(from, to, kind);
  });
  if (!rootId) {
    const name = str(value.name) ?? 'sbom';
    rootId = b.addRoot({ id: `root:${name}`, name, path: '.' });
    for (const purl of byId.values()) if (!purl.startsWith('root:') && !hasDependent.has(purl)) b.addEdge(rootId, purl, 'prod');
    b.source.note = 'the SBOM describes no package: packages nothing depends on are taken as direct dependencies';
  }
  return b.build();
}

export function looksLikeSpdx(head: string): boolean {
  return /"spdxVersion"\s*:\s*"SPDX-/.test(head);
}

export const spdxExtractor: Extractor = {
  id: 'spdx',
  format: 'SPDX 2.3 JSON SBOM',
  fileNames: ['sbom.json', 'bom.json', 'spdx.json', '*.spdx.json'],
  detect: (path, head) => path.endsWith('.json') && looksLikeSpdx(head),
  extract: (input) => extract(input),
};
