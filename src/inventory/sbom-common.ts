/**
 * Shared by the SBOM extractors: turn an SBOM element's purl (or, failing that, its name and
 * version) into a component. npm purls are normalized (qualifiers dropped) so they match lockfile
 * identities; other ecosystems are kept as written and marked not analyzed, never dropped.
 */
import { PackageURL } from 'packageurl-js';
import { npmPurl, parsePurl } from '../core/purl.js';
import type { Problem } from '../core/types.js';
import { NOT_ANALYZED, type ComponentInput } from './builder.js';

export interface SbomElement {
  /** Label for messages (bom-ref / SPDXID / name). */
  label: string;
  purl?: string;
  name?: string;
  group?: string;
  version?: string;
  file: string;
  line?: number;
  resolved?: string;
  integrity?: string;
}

/** Returns the component to add, plus the problem when the purl was missing or unparseable. */
export function sbomComponent(el: SbomElement, code: 'E_SBOM_PARSE'): { input?: ComponentInput; problem?: Problem } {
  const location = { file: el.file, line: el.line };
  let problem: Problem | undefined;
  if (el.purl) {
    try {
      const p = parsePurl(el.purl);
      const version = p.version ?? el.version ?? '';
      const common = { location, resolved: el.resolved, integrity: el.integrity };
      if (p.type === 'npm') {
        if (!version) {
          return {
            input: { ...common, name: p.fullName, version: '', purl: el.purl, notAnalyzed: 'no version in the SBOM' },
            problem: {
              code,
              message: `component "${el.label}" has an npm purl without a version; kept but not analyzed`,
              file: el.file,
              line: el.line,
              subject: el.purl,
            },
          };
        }
        const purl = npmPurl(p.fullName, version);
        return { input: { ...common, name: p.fullName, version, purl, meta: purl === el.purl ? undefined : { sbomPurl: el.purl } } };
      }
      const name = p.namespace ? `${p.namespace}/${p.name}` : p.name;
      const canonical = PackageURL.fromString(el.purl).toString();
      return { input: { ...common, name, version, ecosystem: p.type, purl: canonical, notAnalyzed: NOT_ANALYZED } };
    } catch (e) {
      problem = {
        code,
        message: `component "${el.label}" has a purl that does not parse (${JSON.stringify(el.purl)}: ${(e as Error).message}); a generic purl was made from its name and version`,
        file: el.file,
        line: el.line,
        subject: el.purl,
      };
    }
  }
  if (!el.name) {
    return {
      problem: problem ?? { code, message: `component "${el.label}" has neither a purl nor a name; skipped`, file: el.file, line: el.line },
    };
  }
  problem ??= {
    code,
    message: `component "${el.label}" has no purl; a generic purl was made from its name and version`,
    file: el.file,
    line: el.line,
    subject: el.name,
  };
  const purl = new PackageURL('generic', el.group || undefined, el.name, el.version || undefined, undefined, undefined).toString();
  const name = el.group ? `${el.group}/${el.name}` : el.name;
  return {
    input: {
      name,
      version: el.version ?? '',
      ecosystem: 'generic',
      purl,
      location,
      resolved: el.resolved,
      integrity: el.integrity,
      notAnalyzed: 'no purl in the SBOM: ecosystem unknown',
    },
    problem,
  };
}
