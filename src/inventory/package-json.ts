/**
 * A bare package.json with no lockfile. Only the direct dependencies are listed: each range is
 * resolved to a version with `ctx.resolveRange` (the engine resolves against the registry like npm:
 * dist-tags.latest when it satisfies, else the highest satisfying version). The source says so
 * (`resolvedNotLocked`). Offline (no resolveRange), each dependency becomes a Problem naming its range.
 */
import { dirname } from 'node:path';
import npa from 'npm-package-arg';
import type { Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { expandWorkspaces, parseManifest, readManifest, type Manifest } from './manifest.js';
import type { ExtractContext, ExtractInput, Extractor } from './types.js';

export const RESOLVED_NOTE =
  'no lockfile: versions were resolved from the ranges in package.json against the registry, not locked; only direct dependencies are listed';
export const OFFLINE_NOTE = 'no lockfile and no registry (offline): ranges in package.json could not be resolved to versions';

async function extract(input: ExtractInput, ctx: ExtractContext): Promise<Inventory> {
  const file = input.displayPath;
  const top = parseManifest(input.text, file, '.');
  const b = new InventoryBuilder({
    file,
    format: 'package.json (no lockfile)',
    resolvedNotLocked: true,
    note: ctx.resolveRange ? RESOLVED_NOTE : OFFLINE_NOTE,
  });
  const manifests: Manifest[] = [top];
  const projectDir = dirname(input.path);
  for (const dir of expandWorkspaces(projectDir, top.workspaces)) {
    if (dir === '.') continue;
    try {
      const m = readManifest(projectDir, dir);
      if (m) manifests.push(m);
    } catch (e) {
      b.problem({
        code: 'E_MANIFEST_PARSE',
        message: `${dir}/package.json could not be read: ${(e as Error).message}`,
        file: `${dir}/package.json`,
      });
    }
  }
  const wsNames = new Set(manifests.map((m) => m.name).filter(Boolean));
  for (const m of manifests) {
    const rootId = b.addRoot({
      id: `root:${m.name ?? m.dir}`,
      name: m.name ?? m.dir,
      path: m.dir,
      ...(m.version ? { version: m.version } : {}),
    });
    for (const dep of m.deps) {
      if (wsNames.has(dep.name)) continue;
      const where = { file: m.file, line: dep.line };
      let name = dep.name;
      let range = dep.spec;
      let type: string;
      try {
        const parsed = npa.resolve(dep.name, dep.spec);
        type = parsed.type;
        if (parsed.type === 'alias' && parsed.subSpec) {
          name = parsed.subSpec.name ?? name;
          range = parsed.subSpec.rawSpec || '*';
          type = parsed.subSpec.type;
        }
      } catch (e) {
        b.problem({
          code: 'E_MANIFEST_PARSE',
          message: `"${dep.name}": "${dep.spec}" is not a valid dependency spec (${(e as Error).message})`,
          ...where,
          subject: dep.name,
        });
        continue;
      }
      if (type !== 'range' && type !== 'version' && type !== 'tag') {
        b.problem({
          code: 'E_UNSUPPORTED',
          message: `"${dep.name}": "${dep.spec}" is a ${type} dependency; without a lockfile its version cannot be known`,
          ...where,
          subject: dep.name,
          hint: 'Commit a lockfile so vigil can see exactly what is installed.',
        });
        continue;
      }
      if (!ctx.resolveRange) {
        b.problem({
          code: 'E_OFFLINE_MISS',
          message: `"${name}@${range}" not resolved to a version: no lockfile and no registry (offline)`,
          ...where,
          subject: name,
          hint: 'Run online, or commit a lockfile.',
        });
        continue;
      }
      let version: string | undefined;
      try {
        version = await ctx.resolveRange(name, range || '*');
      } catch (e) {
        b.problem({
          code: 'E_REGISTRY_HTTP',
          message: `"${name}@${range}" could not be resolved: ${(e as Error).message}`,
          ...where,
          subject: name,
        });
        continue;
      }
      if (!version) {
        b.problem({ code: 'E_REGISTRY_BODY', message: `no published version of "${name}" satisfies "${range}"`, ...where, subject: name });
        continue;
      }
      const purl = b.addComponent({ name, version, location: where, meta: { resolvedFrom: range } });
      if (purl) b.addEdge(rootId, purl, dep.kind, dep.spec);
    }
  }
  return b.build();
}

export const packageJsonExtractor: Extractor = {
  id: 'package-json',
  format: 'package.json without a lockfile (direct dependencies, resolved from ranges)',
  fileNames: ['package.json'],
  detect: (path) => path.endsWith('package.json'),
  extract: (input, ctx) => extract(input, ctx),
};
