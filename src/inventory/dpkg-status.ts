/**
 * dpkg status file (`/var/lib/dpkg/status` or a copy) → installed packages and an Inventory.
 * Only packages whose files are on disk are kept: state `installed`/`triggers-*` (whatever the
 * selection: `hold` counts), plus half-installed/unpacked/half-configured ones, which are kept with
 * a Problem saying dpkg did not finish. Removed (`config-files`, `not-installed`) are skipped.
 */
import type { Inventory, Problem } from '../core/types.js';
import type { Extractor } from './types.js';
import { forEachStanza, type Stanza } from '../formats/debian/control.js';
import { parseRelations } from '../formats/debian/relations.js';
import type { DebPackage, DpkgState } from '../formats/debian/types.js';
import { validateDebianVersion } from '../formats/debian/version.js';
import { buildDebInventory, type DebInventoryOptions } from '../formats/debian/installed-graph.js';

const ON_DISK: ReadonlySet<string> = new Set(['installed', 'triggers-awaited', 'triggers-pending']);
const UNFINISHED: ReadonlySet<string> = new Set(['half-installed', 'unpacked', 'half-configured']);

/** Build a DebPackage from one control stanza, or return a message naming what is missing. */
export function stanzaToPackage(s: Stanza, file: string, onIssue?: (line: number, message: string) => void): DebPackage | string {
  const f = s.fields;
  if (!f.package) return 'stanza has no Package field';
  if (!f.version) return `package ${f.package} has no Version field`;
  const bad = validateDebianVersion(f.version);
  if (bad && /empty|spaces/.test(bad)) return `package ${f.package}: invalid Version "${f.version}" (${bad})`;
  const src = /^(\S+)(?:\s*\((\S+)\))?/.exec(f.source ?? '');
  const rel = (k: string) => {
    const r = parseRelations(f[k]);
    for (const b of r.bad)
      onIssue?.(
        s.fieldLines[k] ?? s.line,
        `package ${f.package}: cannot parse ${k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())} entry "${b}"; it is ignored`,
      );
    return r.clauses;
  };
  return {
    name: f.package,
    version: f.version,
    arch: f.architecture ?? 'unknown',
    multiArch: f['multi-arch'] || undefined,
    source: src?.[1] ?? f.package,
    sourceVersion: src?.[2] ?? f.version,
    priority: f.priority,
    essential: (f.essential ?? '').toLowerCase() === 'yes',
    section: f.section,
    maintainer: f.maintainer,
    homepage: f.homepage,
    depends: rel('depends'),
    preDepends: rel('pre-depends'),
    recommends: rel('recommends'),
    provides: rel('provides').flat(),
    file,
    line: s.line,
  };
}

export interface DpkgStatusParse {
  packages: DebPackage[];
  problems: Problem[];
}

export function parseDpkgStatus(text: string, file: string): DpkgStatusParse {
  const packages: DebPackage[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const problem = (line: number, message: string, subject?: string): void => {
    problems.push({ code: 'E_LOCKFILE_PARSE', message: `${file}:${line}: ${message}`, file, line, subject });
  };
  if (text.trim() === '') problem(1, 'status file is empty: no installed packages');
  forEachStanza(
    text,
    (s) => {
      const f = s.fields;
      const p = stanzaToPackage(s, file, (line, msg) => problem(line, msg, f.package));
      if (typeof p === 'string') return problem(s.line, p);
      const words = (s.fields.status ?? '').split(/\s+/);
      if (words.length !== 3)
        return problem(s.fieldLines.status ?? s.line, `package ${p.name}: bad or missing Status "${s.fields.status ?? ''}"`, p.name);
      p.want = words[0];
      p.state = words[2] as DpkgState;
      if (!ON_DISK.has(p.state) && !UNFINISHED.has(p.state)) return;
      if (UNFINISHED.has(p.state) || words[1] !== 'ok') {
        problem(s.line, `package ${p.name} is ${words.slice(1).join(' ')}: dpkg did not finish installing it`, p.name);
      }
      const key = `${p.name}:${p.arch}`;
      const prev = seen.get(key);
      if (prev !== undefined) return problem(s.line, `duplicate stanza for ${key} (first at line ${prev}); kept the first`, p.name);
      seen.set(key, s.line);
      packages.push(p);
    },
    { onIssue: (i) => problem(i.line, i.message) },
  );
  return { packages, problems };
}

/** Status file text → Inventory with the resolved dependency graph. */
export function dpkgStatusInventory(text: string, file: string, opts: DebInventoryOptions = {}): Inventory {
  const { packages, problems } = parseDpkgStatus(text, file);
  const inv = buildDebInventory(packages, { ...opts, format: 'dpkg-status', file });
  inv.problems.unshift(...problems);
  return inv;
}

export const dpkgStatusExtractor: Extractor = {
  id: 'dpkg-status',
  format: 'dpkg status file',
  fileNames: ['var/lib/dpkg/status', 'status'],
  detect: (path, head) => /(^|\/)status$/.test(path) && /^Package: /m.test(head) && /^Status: /m.test(head),
  extract: (input) => dpkgStatusInventory(input.text, input.displayPath),
};
