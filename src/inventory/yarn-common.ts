/** Helpers shared by the yarn classic and Berry extractors. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InventoryBuilder } from './builder.js';
import { expandWorkspaces, readManifest, type Manifest } from './manifest.js';

/**
 * Map every descriptor of a top-level lockfile key (`"a@^1", a@^1.2:` / `"a@npm:^1, a@npm:^1.2":`)
 * to the 1-based line of that key. yarn's parsers do not keep positions, the key lines suffice.
 */
export function descriptorLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    if (l === '' || l.startsWith(' ') || l.startsWith('#') || !l.endsWith(':')) continue;
    for (const d of l.slice(0, -1).replace(/"/g, '').split(',')) {
      const t = d.trim();
      if (t && !out.has(t)) out.set(t, i + 1);
    }
  }
  return out;
}

/** Split `name@range` (name may be scoped). */
export function splitDescriptor(d: string): { name: string; range: string } {
  const at = d.indexOf('@', d.startsWith('@') ? 1 : 0);
  return at <= 0 ? { name: d, range: '' } : { name: d.slice(0, at), range: d.slice(at + 1) };
}

/** The project's manifests: the top package.json and its workspaces. Problems are recorded, not thrown. */
export function projectManifests(projectDir: string, b: InventoryBuilder): Manifest[] {
  const out: Manifest[] = [];
  let top: Manifest | undefined;
  try {
    top = readManifest(projectDir);
  } catch (e) {
    b.problem({ code: 'E_MANIFEST_PARSE', message: `package.json could not be read: ${(e as Error).message}`, file: 'package.json' });
  }
  if (!top) return out;
  out.push(top);
  for (const dir of expandWorkspaces(projectDir, top.workspaces)) {
    if (dir === '.' || !existsSync(join(projectDir, dir, 'package.json'))) continue;
    try {
      const m = readManifest(projectDir, dir);
      if (m) out.push(m);
    } catch (e) {
      b.problem({
        code: 'E_MANIFEST_PARSE',
        message: `${dir}/package.json could not be read: ${(e as Error).message}`,
        file: `${dir}/package.json`,
      });
    }
  }
  return out;
}

export function rootIdFor(m: Manifest): string {
  return `root:${m.name ?? m.dir}`;
}
