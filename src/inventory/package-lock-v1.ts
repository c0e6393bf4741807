/**
 * package-lock.json / npm-shrinkwrap.json v1 (npm 5–6): nested `dependencies`, each entry's
 * `requires` resolved by walking up the nesting like Node does. v1 does not record the project's
 * own declarations, so the root edges come from the package.json beside the lockfile; without one,
 * top-level entries no other entry requires are taken as the direct dependencies.
 */
import type { DependencyKind, Inventory } from '../core/types.js';
import type { InventoryBuilder } from './builder.js';
import { isRecord, str } from './json-input.js';
import type { JsonLines } from './json-lines.js';
import type { Manifest } from './manifest.js';
import { entryDeps, MissingResolved, missingVersionProblem } from './npm-entry.js';

interface Node {
  name: string;
  entry: Record<string, unknown>;
  jsonPath: string[];
  installPath: string;
  parent?: Node;
  children: Map<string, Node>;
  purl?: string;
}

export function extractNestedV1(
  lock: Record<string, unknown>,
  lines: JsonLines,
  b: InventoryBuilder,
  file: string,
  manifest: Manifest | undefined,
): Inventory {
  const top: Node = { name: '', entry: lock, jsonPath: [], installPath: '', children: new Map() };
  const all: Node[] = [];
  const build = (parent: Node, depth: number): void => {
    const deps = parent.entry.dependencies;
    if (!isRecord(deps) || depth > 200) return;
    for (const [name, v] of Object.entries(deps)) {
      const jsonPath = [...parent.jsonPath, 'dependencies', name];
      if (!isRecord(v)) {
        b.problem({
          code: 'E_LOCKFILE_PARSE',
          message: `lockfile entry "${name}" is not an object; skipped`,
          file,
          line: lines.lineOf(jsonPath),
        });
        continue;
      }
      const installPath = parent.installPath ? `${parent.installPath}/node_modules/${name}` : `node_modules/${name}`;
      const n: Node = { name, entry: v, jsonPath, installPath, parent, children: new Map() };
      parent.children.set(name, n);
      all.push(n);
      build(n, depth + 1);
    }
  };
  build(top, 0);

  const missing = new MissingResolved(file, b);
  for (const n of all) {
    const line = lines.lineOf(n.jsonPath);
    let name = n.name;
    let version = str(n.entry.version);
    if (!version) {
      missingVersionProblem(b, file, n.installPath, line);
      continue;
    }
    let resolved = str(n.entry.resolved);
    if (version.startsWith('npm:')) {
      // alias: "npm:real-name@1.2.3"
      const spec = version.slice(4);
      const at = spec.lastIndexOf('@');
      if (at > 0) {
        name = spec.slice(0, at);
        version = spec.slice(at + 1);
      }
    } else if (/^(git|github:|file:|https?:)/.test(version)) {
      // v1 writes the source itself as the version of git / tarball / folder dependencies.
      resolved ??= version;
      const hash = version.lastIndexOf('#');
      version = hash > 0 ? version.slice(hash + 1) : version;
    }
    if (n.entry.bundled !== true) missing.consider();
    if (!resolved && n.entry.bundled !== true) missing.add(n.installPath, line);
    n.purl = b.addComponent({
      name,
      version,
      location: { file, line },
      resolved,
      integrity: str(n.entry.integrity),
      path: n.installPath,
      devHint: n.entry.dev === true,
      optionalHint: n.entry.optional === true,
    });
  }
  missing.flush();

  const resolveFrom = (from: Node, name: string): Node | undefined => {
    for (let s: Node | undefined = from; s; s = s.parent) {
      const c = s.children.get(name);
      if (c) return c;
    }
    return undefined;
  };

  const required = new Set<Node>();
  for (const n of all) {
    if (!n.purl) continue;
    for (const dep of entryDeps(n.entry, false)) {
      const t = resolveFrom(n, dep.name);
      if (t?.purl) {
        required.add(t);
        b.addEdge(n.purl, t.purl, dep.kind, dep.spec);
      } else if (dep.kind === 'prod') {
        b.problem({
          code: 'E_LOCKFILE_PARSE',
          message: `"${dep.name}@${dep.spec}" required by "${n.installPath}" is not in the lockfile`,
          file,
          line: lines.lineOf(n.jsonPath),
          subject: dep.name,
        });
      }
    }
  }

  const rootName = manifest?.name ?? str(lock.name) ?? '.';
  const rootId = b.addRoot({
    id: `root:${rootName}`,
    name: rootName,
    path: '.',
    ...(str(lock.version) ? { version: str(lock.version) } : {}),
  });
  if (manifest) {
    for (const dep of manifest.deps) {
      const t = top.children.get(dep.name);
      if (t?.purl) b.addEdge(rootId, t.purl, dep.kind, dep.spec);
    }
  } else {
    b.source.note =
      'lockfile v1 does not record the direct dependencies and no package.json was found beside it: top-level entries that nothing else requires are taken as direct dependencies';
    for (const t of top.children.values()) {
      if (!t.purl || required.has(t)) continue;
      const kind: DependencyKind = t.entry.dev === true ? 'dev' : t.entry.optional === true ? 'optional' : 'prod';
      b.addEdge(rootId, t.purl, kind);
    }
  }
  return b.build();
}
