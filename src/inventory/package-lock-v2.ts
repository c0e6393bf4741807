/**
 * package-lock.json / npm-shrinkwrap.json v2 and v3: the `packages` map keyed by install path.
 * Dependencies resolve the way Node does: the nearest `node_modules/<name>` walking up from the
 * dependent's folder. Links (`"link": true`) resolve to their target: a workspace (a root, no
 * component) or a local folder (a component with `resolved: file:<path>`).
 */
import type { Inventory, Root } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { isRecord, str } from './json-input.js';
import type { JsonLines } from './json-lines.js';
import { globRegExp } from './manifest.js';
import { entryDeps, entryPlatform, MissingResolved, missingVersionProblem } from './npm-entry.js';

type Entry = Record<string, unknown>;

export function extractPackagesMap(
  lock: Record<string, unknown>,
  packages: Record<string, unknown>,
  lines: JsonLines,
  b: InventoryBuilder,
  file: string,
): Inventory {
  const at = (key: string): number | undefined => lines.lineOf(['packages', key]);
  const entries = new Map<string, Entry>();
  for (const [key, v] of Object.entries(packages)) {
    if (isRecord(v)) entries.set(key, v);
    else
      b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `lockfile entry "${key}" is not an object; skipped`,
        file,
        line: at(key),
        subject: key,
      });
  }

  const top = entries.get('') ?? {};
  const ws = isRecord(top.workspaces) ? top.workspaces.packages : top.workspaces; // array, or yarn's { packages }
  const wsPatterns = Array.isArray(ws) ? ws.filter((x): x is string => typeof x === 'string').map(globRegExp) : [];
  const isWorkspace = (key: string): boolean => !key.includes('node_modules/') && wsPatterns.some((re) => re.test(key));

  const rootIds = new Map<string, string>();
  const topName = str(top.name) ?? str(lock.name) ?? '.';
  rootIds.set('', b.addRoot(root(topName, '.', str(top.version))));
  for (const key of entries.keys()) {
    if (key !== '' && isWorkspace(key)) {
      const e = entries.get(key)!;
      rootIds.set(key, b.addRoot(root(str(e.name) ?? key, key, str(e.version))));
    }
  }

  const missing = new MissingResolved(file, b);
  const purls = new Map<string, string>();
  // Components first, so edges can be resolved to purls.
  for (const [key, e] of entries) {
    if (rootIds.has(key) || e.link === true) continue;
    const name = str(e.name) ?? nameFromPath(key);
    const version = str(e.version);
    if (!name || !version) {
      missingVersionProblem(b, file, key, at(key));
      continue;
    }
    const resolved = str(e.resolved) ?? (key.includes('node_modules/') ? undefined : `file:${key}`);
    if (e.inBundle !== true) missing.consider();
    if (!resolved && e.inBundle !== true) missing.add(key, at(key));
    const purl = b.addComponent({
      name,
      version,
      location: { file, line: at(key) },
      resolved,
      integrity: str(e.integrity),
      path: key,
      devHint: e.dev === true || e.devOptional === true,
      optionalHint: e.optional === true || e.devOptional === true,
      meta: e.inBundle === true ? { inBundle: true } : undefined,
      platform: entryPlatform(e),
    });
    if (purl) purls.set(key, purl);
  }
  missing.flush();

  const target = (key: string): string | undefined => {
    const e = entries.get(key);
    if (e?.link === true) {
      const t = str(e.resolved);
      return t === undefined ? undefined : t;
    }
    return key;
  };

  for (const [key, e] of entries) {
    if (e.link === true) continue;
    const from = rootIds.get(key) ?? purls.get(key);
    if (!from) continue;
    for (const dep of entryDeps(e, rootIds.has(key))) {
      const found = resolveDep(entries, key, dep.name);
      const t = found === undefined ? undefined : target(found);
      if (t === undefined) {
        if (dep.kind === 'prod' || dep.kind === 'dev') {
          b.problem({
            code: 'E_LOCKFILE_PARSE',
            message: `"${dep.name}@${dep.spec}" required by "${key || topName}" is not in the lockfile`,
            file,
            line: at(key),
            subject: dep.name,
          });
        }
        continue;
      }
      if (rootIds.has(t)) continue; // workspace → workspace: both are roots already
      const to = purls.get(t);
      if (to) b.addEdge(from, to, dep.kind, dep.spec);
    }
  }
  return b.build();
}

function root(name: string, path: string, version?: string): Root {
  const r: Root = { id: `root:${name}`, name, path };
  if (version) r.version = version;
  return r;
}

export function nameFromPath(key: string): string | undefined {
  const i = key.lastIndexOf('node_modules/');
  if (i === -1) return undefined;
  return key.slice(i + 'node_modules/'.length) || undefined;
}

/** Node's resolution over install paths: `a/node_modules/b` looks in its own, then each parent's node_modules. */
export function resolveDep(entries: Map<string, unknown>, fromKey: string, name: string): string | undefined {
  let base = fromKey;
  for (;;) {
    const cand = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (entries.has(cand)) return cand;
    if (base === '') return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i >= 0 ? base.slice(0, i) : '';
  }
}
