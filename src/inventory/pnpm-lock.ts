/**
 * pnpm-lock.yaml, lockfileVersion 6.x (pnpm 8) and 9.x (pnpm 9+; 7.x previews share its layout).
 * Importers are roots (one per workspace project). v9 splits package metadata (`packages`, keyed
 * `name@version`) from the dependency graph (`snapshots`, keyed with peer suffixes such as
 * `pkg@1.0.0(react@18.0.0)`); v6 keeps both in `packages`, keyed `/name@version(peers)`.
 * Peer-suffixed variants of one package are one component (same purl).
 */
import { dirname, posix } from 'node:path';
import { VigilError } from '../core/errors.js';
import type { DependencyKind, Inventory } from '../core/types.js';
import { InventoryBuilder } from './builder.js';
import { isRecord, str, stringMap } from './json-input.js';
import { readManifest } from './manifest.js';
import { entryPlatform } from './npm-entry.js';
import type { ExtractInput, Extractor } from './types.js';
import type { parseYamlInput } from './yaml-input.js';

/** `/@scope/name@1.0.0(peer@2.0.0)` → `{ name: '@scope/name', version: '1.0.0' }`. */
export function parsePnpmKey(key: string): { name?: string; version?: string } {
  let k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  if (paren > 0) k = k.slice(0, paren);
  const at = k.indexOf('@', k.startsWith('@') ? 1 : 0);
  if (at <= 0) return {};
  return { name: k.slice(0, at), version: k.slice(at + 1) };
}

const stripPeers = (k: string): string => (k.indexOf('(') > 0 ? k.slice(0, k.indexOf('(')) : k);

function resolutionOf(r: unknown): { resolved?: string; integrity?: string } {
  if (!isRecord(r)) return {};
  const integrity = str(r.integrity);
  if (r.type === 'git' && typeof r.repo === 'string') return { resolved: `git+${r.repo}#${str(r.commit) ?? ''}`, integrity };
  if (typeof r.directory === 'string') return { resolved: `file:${r.directory}` };
  return { resolved: str(r.tarball), integrity };
}

/**
 * The YAML reader is loaded when a pnpm-lock.yaml is read, not with the registry of formats: a
 * scan of another format does not pay for loading the YAML library.
 */
const loadYaml = async (): Promise<typeof parseYamlInput> => (await import('./yaml-input.js')).parseYamlInput;

function extract(input: ExtractInput, parseYamlInput: Awaited<ReturnType<typeof loadYaml>>): Inventory {
  const file = input.displayPath;
  const y = parseYamlInput(input.text, file, 'E_LOCKFILE_PARSE', 'pnpm-lock.yaml');
  if (!isRecord(y.value)) throw new VigilError('E_LOCKFILE_PARSE', 'pnpm-lock.yaml is not a YAML map', { file, line: 1 });
  const lock = y.value;
  const ver = String(lock.lockfileVersion ?? '');
  const major = Number.parseInt(ver, 10);
  if (![6, 7, 9].includes(major)) {
    throw new VigilError(
      'E_LOCKFILE_PARSE',
      `unsupported pnpm lockfileVersion ${JSON.stringify(lock.lockfileVersion ?? null)} (vigil reads 6.x and 9.x)`,
      {
        file,
        line: 1,
        hint: 'Regenerate it with pnpm 8 or later (`pnpm install --lockfile-only`).',
      },
    );
  }
  const v9 = major >= 7;
  const b = new InventoryBuilder({ file, format: `pnpm-lock.yaml v${ver}` });
  if (y.documents > 1) {
    // pnpm 10+ may put the lockfile of pnpm itself (packageManagerDependencies) in a first document.
    b.source.note = `pnpm-lock.yaml holds ${y.documents} YAML documents; the last one (the project's) was read, the others describe pnpm's own installation`;
  }
  for (const p of y.problems) b.problem(p);
  const projectDir = dirname(input.path);

  const packages = isRecord(lock.packages) ? lock.packages : {};
  const snapshots = v9 ? (isRecord(lock.snapshots) ? lock.snapshots : {}) : packages;
  const pkgLines = y.sectionLines('packages');
  const snapLines = v9 ? y.sectionLines('snapshots') : pkgLines;

  const purlByPkg = new Map<string, string>();
  for (const [key, info] of Object.entries(packages)) {
    if (!isRecord(info)) continue;
    const parsed = parsePnpmKey(key);
    const name = str(info.name) ?? parsed.name;
    const version = str(info.version) ?? parsed.version;
    const line = pkgLines.get(key);
    if (!name || !version) {
      b.problem({
        code: 'E_LOCKFILE_PARSE',
        message: `pnpm-lock.yaml package "${key}" has no name or version; left out`,
        file,
        line,
        subject: key,
      });
      continue;
    }
    const { resolved, integrity } = resolutionOf(info.resolution);
    const purl = b.addComponent({
      name,
      version,
      location: { file, line },
      resolved,
      integrity,
      devHint: info.dev === true,
      optionalHint: info.optional === true,
      platform: entryPlatform(info),
    });
    if (purl) purlByPkg.set(v9 ? key : stripPeers(key), purl);
  }
  const purlOfSnapshot = (sk: string): string | undefined => purlByPkg.get(stripPeers(sk));

  const importers: Record<string, unknown> = isRecord(lock.importers)
    ? lock.importers
    : { '.': { dependencies: lock.dependencies, devDependencies: lock.devDependencies, optionalDependencies: lock.optionalDependencies } };
  const importerIds = new Map<string, string>();
  for (const path of Object.keys(importers)) {
    let name = path;
    let version: string | undefined;
    try {
      const m = readManifest(projectDir, path);
      name = m?.name ?? path;
      version = m?.version;
    } catch {
      // the name is only cosmetic here; the path identifies the importer
    }
    importerIds.set(path, b.addRoot({ id: `root:${name}`, name, path, ...(version ? { version } : {}) }));
  }

  const findSnapshot = (name: string, ref: string): string | undefined => {
    const cands = v9 ? [`${name}@${ref}`, ref] : [`/${name}@${ref}`, ref, `/${ref}`];
    return cands.find((c) => c in snapshots);
  };
  const linkTarget = (fromDir: string, ref: string): string => posix.normalize(posix.join(fromDir, ref.slice('link:'.length)));

  const addDeps = (
    from: string,
    fromDir: string,
    deps: Record<string, string>,
    kind: (n: string) => DependencyKind | undefined,
    spec: (n: string) => string | undefined,
    where: number | undefined,
  ): void => {
    for (const [n, ref] of Object.entries(deps)) {
      const k = kind(n);
      if (!k) continue;
      if (ref.startsWith('link:')) {
        if (!importerIds.has(linkTarget(fromDir, ref))) {
          b.problem({
            code: 'E_UNSUPPORTED',
            message: `"${n}" is a link to a local folder (${ref}) outside the workspace; not inventoried`,
            file,
            line: where,
            subject: n,
          });
        }
        continue;
      }
      const sk = findSnapshot(n, ref);
      const to = sk === undefined ? undefined : purlOfSnapshot(sk);
      if (to) b.addEdge(from, to, k, spec(n));
      else if (k !== 'optional')
        b.problem({
          code: 'E_LOCKFILE_PARSE',
          message: `"${n}" (${ref}) is not in the lockfile's packages`,
          file,
          line: where,
          subject: n,
        });
    }
  };

  const impLines = y.sectionLines('importers');
  for (const [path, imp] of Object.entries(importers)) {
    if (!isRecord(imp)) continue;
    const from = importerIds.get(path)!;
    for (const [field, kind] of [
      ['dependencies', 'prod'],
      ['optionalDependencies', 'optional'],
      ['devDependencies', 'dev'],
    ] as const) {
      const sect = isRecord(imp[field]) ? imp[field] : {};
      const refs: Record<string, string> = {};
      const specs: Record<string, string> = {};
      for (const [n, d] of Object.entries(sect)) {
        if (isRecord(d) && typeof d.version === 'string') {
          refs[n] = d.version;
          if (typeof d.specifier === 'string') specs[n] = d.specifier;
        } else if (typeof d === 'string') refs[n] = d;
      }
      addDeps(
        from,
        path,
        refs,
        () => kind,
        (n) => specs[n],
        impLines.get(path) ?? 1,
      );
    }
  }

  for (const [sk, snap] of Object.entries(snapshots)) {
    if (!isRecord(snap)) continue;
    const from = purlOfSnapshot(sk);
    if (!from) continue;
    const info = v9 ? packages[stripPeers(sk)] : snap;
    const peers = stringMap(isRecord(info) ? info.peerDependencies : undefined);
    const peerMeta = isRecord(info) && isRecord(info.peerDependenciesMeta) ? info.peerDependenciesMeta : {};
    const optionalPeer = (n: string): boolean => isRecord(peerMeta[n]) && (peerMeta[n] as Record<string, unknown>).optional === true;
    const opt = stringMap(snap.optionalDependencies);
    const line = snapLines.get(sk);
    // A dependency resolved as a peer shows in the key's peer suffix, `(name@version)`; a name that is
    // both a regular dependency and an (optional) peer does not, and is an ordinary edge (as npm records it).
    const asPeer = (n: string): boolean => n in peers && sk.includes(`(${n}@`);
    const kindOf = (n: string, plain: DependencyKind): DependencyKind | undefined =>
      asPeer(n) ? (optionalPeer(n) ? undefined : 'peer') : plain;
    addDeps(
      from,
      '.',
      stringMap(snap.dependencies),
      (n) => kindOf(n, n in opt ? 'optional' : 'prod'),
      (n) => (asPeer(n) ? peers[n] : undefined),
      line,
    );
    addDeps(
      from,
      '.',
      opt,
      (n) => kindOf(n, 'optional'),
      () => undefined,
      line,
    );
  }
  return b.build();
}

export const pnpmLockExtractor: Extractor = {
  id: 'pnpm-lock',
  format: 'pnpm-lock.yaml (lockfileVersion 6.x, 9.x)',
  fileNames: ['pnpm-lock.yaml'],
  detect: (path) => path.endsWith('pnpm-lock.yaml'),
  extract: async (input) => extract(input, await loadYaml()),
};
