/**
 * yarn.lock of Yarn Berry (v2+, `__metadata`), parsed with the Yarn project's `@yarnpkg/parsers`.
 * Workspaces are entries with a `workspace:` resolution: they become roots; their manifests tell
 * dev dependencies apart (the lockfile merges them into `dependencies`). `patch:` entries fold
 * into the component they patch (same name and version); npm aliases use the real package name.
 */
import { dirname } from 'node:path';
import { VigilError } from '../core/errors.js';
import type { DependencyKind, Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { isRecord, str, stringMap } from './json-input.js';
import { readManifest, type Manifest } from './manifest.js';
import { assertNoConflictMarkers, firstContentLine, guardNesting, lineFromMessage, stripBom } from './text-checks.js';
import type { ExtractInput, Extractor } from './types.js';
import { isBerryHead } from './yarn-classic.js';
import { descriptorLines, splitDescriptor } from './yarn-common.js';

interface Node {
  key: string;
  entry: Record<string, unknown>;
  purl?: string;
  workspace?: { path: string; rootId: string; manifest?: Manifest };
}

/**
 * Loaded when a Berry yarn.lock is read, not with the registry of formats: a scan of another
 * format does not pay for the parser and the YAML library behind `.yarnrc.yml` catalogs.
 */
async function loadLibs() {
  const [{ parseSyml }, { candidateRanges, loadBerryRanges }] = await Promise.all([
    import('@yarnpkg/parsers'),
    import('./yarn-berry-ranges.js'),
  ]);
  return { parseSyml, candidateRanges, loadBerryRanges };
}

function extract(input: ExtractInput, { parseSyml, candidateRanges, loadBerryRanges }: Awaited<ReturnType<typeof loadLibs>>): Inventory {
  const file = input.displayPath;
  const text = stripBom(input.text);
  assertNoConflictMarkers(text, file, 'E_LOCKFILE_PARSE');
  let object: Record<string, unknown>;
  try {
    object = guardNesting(text, file, 'E_LOCKFILE_PARSE', 'yarn.lock', () => parseSyml(text) as Record<string, unknown>);
  } catch (cause) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    throw new VigilError('E_LOCKFILE_PARSE', `yarn.lock could not be parsed: ${msg.split('\n')[0]}`, {
      file,
      // Shape errors ("Expected an indexed object") are about the whole document.
      line: lineFromMessage(msg) ?? firstContentLine(text),
      cause,
    });
  }
  const meta = isRecord(object.__metadata) ? object.__metadata : undefined;
  const lockVersion = Number(meta?.version);
  if (!meta || !Number.isFinite(lockVersion) || lockVersion < 2) {
    throw new VigilError(
      'E_LOCKFILE_PARSE',
      `yarn.lock __metadata.version ${JSON.stringify(meta?.version)} is not a Yarn 2+ lockfile version`,
      { file, line: 1 },
    );
  }
  const lines = descriptorLines(text);
  const b = new InventoryBuilder({ file, format: `yarn.lock (Yarn Berry, lockfile v${lockVersion})` });
  const projectDir = dirname(input.path);

  const byDescriptor = new Map<string, Node>();
  const nodes: Node[] = [];
  for (const [key, e] of Object.entries(object)) {
    if (key === '__metadata' || !isRecord(e)) continue;
    const node: Node = { key, entry: e };
    nodes.push(node);
    for (const d of key.split(',')) {
      const desc = d.trim();
      byDescriptor.set(desc, node);
      // link:/portal: keys carry the dependent's locator: `x@link:../x::locator=app%40workspace%3A.`
      const loc = desc.indexOf('::locator=');
      if (loc > 0 && !byDescriptor.has(desc.slice(0, loc))) byDescriptor.set(desc.slice(0, loc), node);
    }
  }

  for (const n of nodes) {
    const line = lines.get(n.key.split(',')[0]!.trim());
    const resolution = str(n.entry.resolution);
    const version = str(n.entry.version);
    if (!resolution || !version) {
      b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `yarn.lock entry "${n.key}" has no ${resolution ? 'version' : 'resolution'}; left out`,
        file,
        line,
        subject: n.key,
      });
      continue;
    }
    const { name, range: reference } = splitDescriptor(resolution);
    if (reference.startsWith('workspace:')) {
      const path = reference.slice('workspace:'.length) || '.';
      let manifest: Manifest | undefined;
      try {
        manifest = readManifest(projectDir, path);
      } catch (e) {
        b.problem({
          code: 'E_MANIFEST_PARSE',
          message: `${path}/package.json could not be read: ${(e as Error).message}`,
          file: `${path}/package.json`,
        });
      }
      const rootId = b.addRoot({ id: `root:${name}`, name, path, ...(manifest?.version ? { version: manifest.version } : {}) });
      n.workspace = { path, rootId, manifest };
      continue;
    }
    const protocol = /^([a-z+]+):/.exec(reference)?.[1];
    const meta: Record<string, unknown> = {};
    if (typeof n.entry.checksum === 'string') meta.checksum = n.entry.checksum;
    if (protocol === 'patch') meta.patch = reference;
    n.purl = b.addComponent({
      name,
      version,
      location: { file, line },
      resolved: protocol === 'npm' || protocol === 'patch' ? undefined : reference,
      meta: Object.keys(meta).length ? meta : undefined,
    });
  }

  const purlsByName = new Map<string, Set<string>>();
  const nodeByPurl = new Map<string, Node>();
  for (const x of nodes) {
    if (!x.purl) continue;
    const nm = splitDescriptor(str(x.entry.resolution) ?? '').name;
    (purlsByName.get(nm) ?? purlsByName.set(nm, new Set()).get(nm)!).add(x.purl);
    if (!nodeByPurl.has(x.purl)) nodeByPurl.set(x.purl, x);
  }
  const ranges = loadBerryRanges(projectDir, nodes.find((x) => x.workspace?.path === '.')?.workspace?.manifest);
  const lookupOne = (name: string, range: string): Node | undefined =>
    byDescriptor.get(`${name}@${range}`) ?? (/^[a-z+]+:/.test(range) ? undefined : byDescriptor.get(`${name}@npm:${range}`));
  /** By descriptor, then catalog / resolutions ranges, then the one version of that name the lockfile has. */
  const lookup = (name: string, range: string): Node | undefined => {
    for (const r of candidateRanges(ranges, name, range)) {
      const hit = lookupOne(name, r);
      if (hit) return hit;
    }
    const only = purlsByName.get(name);
    if (only?.size === 1) return nodeByPurl.get([...only][0]!);
    return undefined;
  };

  for (const n of nodes) {
    const from = n.workspace?.rootId ?? n.purl;
    if (!from) continue;
    const depsMeta = isRecord(n.entry.dependenciesMeta) ? n.entry.dependenciesMeta : {};
    const peerMeta = isRecord(n.entry.peerDependenciesMeta) ? n.entry.peerDependenciesMeta : {};
    const m = n.workspace?.manifest;
    const kindOf = (dep: string): DependencyKind => {
      const dm = depsMeta[dep];
      if (isRecord(dm) && dm.optional === true) return 'optional';
      if (m) return m.deps.find((d) => d.name === dep)?.kind ?? 'prod';
      return 'prod';
    };
    const deps: [string, string, DependencyKind][] = Object.entries(stringMap(n.entry.dependencies)).map(([d, r]) => [d, r, kindOf(d)]);
    for (const [d, r] of Object.entries(stringMap(n.entry.peerDependencies))) {
      const pm = peerMeta[d];
      if (!(isRecord(pm) && pm.optional === true)) deps.push([d, r, 'peer']);
    }
    for (const [d, r, kind] of deps) {
      const t = lookup(d, r);
      if (t?.workspace) continue; // workspace → workspace: both are roots
      if (t?.purl) {
        const declared = m?.deps.find((x) => x.name === d)?.spec;
        b.addEdge(from, t.purl, kind, declared ?? (r.startsWith('npm:') && !r.slice(4).includes('@') ? r.slice(4) : r));
        continue;
      }
      // Peers are resolved by the parent and not recorded; lookup already tried the one version there is.
      if (kind === 'prod' || kind === 'dev') {
        b.problem({
          code: 'E_LOCKFILE_PARSE',
          message: `"${d}@${r}" required by "${n.key}" is not in yarn.lock`,
          file,
          line: lines.get(n.key.split(',')[0]!.trim()),
          subject: d,
        });
      }
    }
  }
  if (!nodes.some((n) => n.workspace)) {
    b.problem({
      code: 'E_LOCKFILE_PARSE',
      message: 'yarn.lock has no workspace entry: no root, so dev/prod cannot be told apart',
      file,
      line: 1,
    });
  }
  return b.build();
}

export const yarnBerryExtractor: Extractor = {
  id: 'yarn-berry',
  format: 'yarn.lock (Yarn Berry v2+)',
  fileNames: ['yarn.lock'],
  detect: (path, head) => path.endsWith('yarn.lock') && isBerryHead(head),
  extract: async (input) => extract(input, await loadLibs()),
};
