/**
 * Build npm packages in a test and serve them from the local registry (registry-server.ts):
 * a real gzipped tarball under `package/`, its sha512 integrity and sha1 shasum, and a packument
 * with every version published so far. Nothing is read from or sent to the network.
 *
 *   publish(reg, { name: 'good-pkg', version: '1.0.0', files: { 'index.js': '...' } });
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { RegistryServer } from './registry-server.js';

export interface TestPackage {
  name: string;
  version: string;
  /** Files besides package.json (paths relative to the package root). */
  files?: Record<string, string | Buffer>;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: Record<string, string>;
  /** npm's platform field: the operating systems the package installs on. */
  os?: string[];
}

const published = new WeakMap<RegistryServer, Map<string, Record<string, unknown>>>();

export async function packTarball(manifest: Record<string, unknown>, files: Record<string, string | Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  const all = { 'package.json': JSON.stringify(manifest, null, 2), ...files };
  for (const [p, text] of Object.entries(all)) pack.entry({ name: `package/${p}`, mode: 0o644, mtime: new Date(0) }, Buffer.from(text));
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

export async function publish(reg: RegistryServer, p: TestPackage): Promise<{ integrity: string; tarball: Buffer }> {
  const manifest: Record<string, unknown> = {
    name: p.name,
    version: p.version,
    description: `test package ${p.name}`,
    license: 'MIT',
    repository: { type: 'git', url: `git+https://example.invalid/${p.name}.git` },
  };
  if (p.dependencies) manifest.dependencies = p.dependencies;
  if (p.scripts) manifest.scripts = p.scripts;
  if (p.bin) manifest.bin = p.bin;
  if (p.os) manifest.os = p.os;
  const tarball = await packTarball(manifest, p.files ?? { 'index.js': 'module.exports = 1;\n' });
  const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
  const shasum = createHash('sha1').update(tarball).digest('hex');
  const base = p.name.startsWith('@') ? p.name.slice(p.name.indexOf('/') + 1) : p.name;
  const version = {
    ...manifest,
    ...(p.scripts && Object.keys(p.scripts).some((s) => /^(pre|post)?install$/.test(s)) ? { hasInstallScript: true } : {}),
    _id: `${p.name}@${p.version}`,
    dist: { tarball: `{{registry}}${p.name}/-/${base}-${p.version}.tgz`, integrity, shasum },
  };
  let byName = published.get(reg);
  if (!byName) published.set(reg, (byName = new Map()));
  const doc = byName.get(p.name) ?? { name: p.name, 'dist-tags': {}, versions: {}, time: { created: '2024-01-01T00:00:00.000Z' } };
  (doc.versions as Record<string, unknown>)[p.version] = version;
  (doc['dist-tags'] as Record<string, string>).latest = p.version;
  (doc.time as Record<string, string>)[p.version] = new Date(
    Date.UTC(2024, 0, 1 + Object.keys(doc.versions as object).length),
  ).toISOString();
  (doc.time as Record<string, string>).modified = (doc.time as Record<string, string>)[p.version]!;
  byName.set(p.name, doc);
  reg.addPackument(p.name, doc);
  reg.addTarball(p.name, p.version, tarball);
  return { integrity, tarball };
}

/** `dir` as a project that depends on `deps` (name → version), with a v3 lockfile resolving them on `reg`. */
export function writeLockedProject(dir: string, reg: RegistryServer, deps: Record<string, string>): void {
  const root = { name: 'app', version: '1.0.0', dependencies: deps };
  const packages: Record<string, unknown> = { '': root };
  for (const [name, version] of Object.entries(deps)) {
    const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
    packages[`node_modules/${name}`] = { version, resolved: `${reg.url}${name}/-/${base}-${version}.tgz` };
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify(root));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ ...root, lockfileVersion: 3, packages }));
}
