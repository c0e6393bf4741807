/**
 * yarn.lock v1 (yarn classic), parsed with the Yarn project's own `@yarnpkg/lockfile`.
 * Entries do not say who depends on them: the roots and their edges come from the package.json
 * beside the lockfile and its workspaces (workspace packages are not in a classic lockfile).
 * The format records no peer dependencies, so there are no peer edges; the source note says so.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type lockfileParser from '@yarnpkg/lockfile';
import { VigilError } from '../core/errors.js';
import type { DependencyKind, Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { isRecord, str, stringMap } from './json-input.js';
import { assertNoConflictMarkers, guardNesting, lineFromMessage, stripBom } from './text-checks.js';
import type { ExtractInput, Extractor } from './types.js';
import { failingBlockLine, unsafeYarnClassicLine } from './yarn-classic-guard.js';
import { descriptorLines, projectManifests, rootIdFor, splitDescriptor } from './yarn-common.js';

export function isBerryHead(head: string): boolean {
  return /^__metadata:/m.test(head);
}

/**
 * The parser is loaded when a yarn.lock is read, not with the registry of formats: a scan of
 * another format does not pay for loading it (~0.1 s of the main thread's CPU). Required, not
 * imported: the package is a CommonJS bundle whose `import()` namespace differs between node
 * (`default.parse`) and the tsx loader the tests run under (`parse`).
 */
let parser: typeof lockfileParser | undefined;
const loadParser = (): typeof lockfileParser => (parser ??= createRequire(import.meta.url)('@yarnpkg/lockfile') as typeof lockfileParser);

function extract(input: ExtractInput, lockfile: typeof lockfileParser): Inventory {
  const file = input.displayPath;
  const text = stripBom(input.text);
  assertNoConflictMarkers(text, file, 'E_LOCKFILE_PARSE');
  const unsafe = unsafeYarnClassicLine(text);
  if (unsafe) {
    throw new VigilError('E_LOCKFILE_PARSE', `yarn.lock could not be parsed: ${unsafe.reason} (truncated or hand-edited file?)`, {
      file,
      line: unsafe.line,
    });
  }
  let parsed: { type: string; object: unknown };
  try {
    parsed = guardNesting(text, file, 'E_LOCKFILE_PARSE', 'yarn.lock', () => lockfile.parse(text));
  } catch (cause) {
    if (cause instanceof VigilError) throw cause;
    const msg = cause instanceof Error ? cause.message : String(cause);
    const line = lineFromMessage(msg) ?? failingBlockLine(text, (prefix) => lockfile.parse(prefix));
    throw new VigilError('E_LOCKFILE_PARSE', `yarn.lock could not be parsed: ${msg.split('\n')[0]}`, { file, line, cause });
  }
  if (!isRecord(parsed.object)) throw new VigilError('E_LOCKFILE_PARSE', 'yarn.lock has no entries object', { file, line: 1 });
  const object = parsed.object;
  const lines = descriptorLines(text);
  const b = new InventoryBuilder({
    file,
    format: 'yarn.lock v1 (classic)',
    note: 'yarn.lock v1 does not record peer dependencies: the graph has no peer edges',
  });

  const purlOf = new Map<string, string>();
  const byEntry = new Map<unknown, string>();
  for (const [desc, e] of Object.entries(object)) {
    if (!isRecord(e)) continue;
    const known = byEntry.get(e);
    if (known) {
      purlOf.set(desc, known);
      continue;
    }
    let { name, range } = splitDescriptor(desc);
    if (range.startsWith('npm:')) name = splitDescriptor(range.slice(4)).name || name; // alias@npm:real@range
    const version = str(e.version);
    if (!version) {
      b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `yarn.lock entry "${desc}" has no version; left out`,
        file,
        line: lines.get(desc),
        subject: desc,
      });
      continue;
    }
    // Local folders (`file:`, `link:`) have no download URL: their source is the spec itself.
    const resolved = str(e.resolved) ?? (/^(file|link|portal):/.test(range) ? range : undefined);
    if (!resolved)
      b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `yarn.lock entry "${desc}" has no "resolved" URL`,
        file,
        line: lines.get(desc),
        subject: desc,
      });
    const purl = b.addComponent({ name, version, location: { file, line: lines.get(desc) }, resolved, integrity: str(e.integrity) });
    if (!purl) continue;
    byEntry.set(e, purl);
    purlOf.set(desc, purl);
  }

  const required = new Set<string>();
  for (const [desc, e] of Object.entries(object)) {
    const from = purlOf.get(desc);
    if (!from || !isRecord(e)) continue;
    const opt = stringMap(e.optionalDependencies);
    const deps: [string, string, DependencyKind][] = [
      ...Object.entries(stringMap(e.dependencies))
        .filter(([n]) => !(n in opt))
        .map(([n, r]): [string, string, DependencyKind] => [n, r, 'prod']),
      ...Object.entries(opt).map(([n, r]): [string, string, DependencyKind] => [n, r, 'optional']),
    ];
    for (const [n, r, kind] of deps) {
      const to = purlOf.get(`${n}@${r}`);
      if (to) {
        required.add(to);
        b.addEdge(from, to, kind, r);
      } else if (kind === 'prod') {
        b.problem({
          code: 'E_LOCKFILE_PARSE',
          message: `"${n}@${r}" required by "${desc}" is not in yarn.lock`,
          file,
          line: lines.get(desc),
          subject: n,
        });
      }
    }
  }

  const manifests = projectManifests(dirname(input.path), b);
  const wsNames = new Set(manifests.map((m) => m.name).filter(Boolean));
  for (const m of manifests) {
    const rootId = b.addRoot({ id: rootIdFor(m), name: m.name ?? m.dir, path: m.dir, ...(m.version ? { version: m.version } : {}) });
    for (const dep of m.deps) {
      if (wsNames.has(dep.name)) continue; // workspace → workspace: both are roots
      const to = purlOf.get(`${dep.name}@${dep.spec}`);
      if (to) b.addEdge(rootId, to, dep.kind, dep.spec);
      else if (dep.kind === 'prod' || dep.kind === 'dev') {
        b.problem({
          code: 'E_LOCKFILE_PARSE',
          message: `"${dep.name}@${dep.spec}" declared in ${m.file} is not in yarn.lock (lockfile out of date?)`,
          file: m.file,
          line: dep.line,
          subject: dep.name,
        });
      }
    }
  }
  if (manifests.length === 0) {
    const rootId = b.addRoot({ id: 'root:.', name: '.', path: '.' });
    for (const purl of new Set(purlOf.values())) if (!required.has(purl)) b.addEdge(rootId, purl, 'prod');
    b.source.note +=
      '; no package.json beside yarn.lock: entries nothing else depends on are taken as direct dependencies, dev dependencies cannot be told apart';
  }
  if (parsed.type === 'merge') {
    b.problem({ code: 'E_LOCKFILE_PARSE', message: 'yarn.lock had merge-conflict markers that yarn could merge automatically', file });
  }
  return b.build();
}

export const yarnClassicExtractor: Extractor = {
  id: 'yarn-classic',
  format: 'yarn.lock v1 (yarn classic)',
  fileNames: ['yarn.lock'],
  detect: (path, head) => path.endsWith('yarn.lock') && !isBerryHead(head),
  extract: (input) => extract(input, loadParser()),
};
