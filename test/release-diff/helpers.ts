/** Release-diff test helpers: scenario packuments, tarballs packed from fixture folders, a local registry. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ssri from 'ssri';
import { makeTgz } from '../archive/helpers.js';
import { parsePackument } from '../../src/sources/npm/packument.js';
import type { Packument } from '../../src/sources/npm/types.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import type { NpmClient } from '../../src/sources/npm/client.js';
import { localNpm } from '../helpers/local-npm.js';
import type { NpmSource } from '../../src/engine/types.js';
import { readArchive } from '../../src/sources/archive/index.js';
import type { PackageFiles } from '../../src/sources/archive/types.js';

export const SCENARIOS = join(import.meta.dirname, '..', 'fixtures', 'release-diff');
const REG = 'http://127.0.0.1:9/';

export function rawPackument(scenario: string, name: string): Record<string, any> {
  return JSON.parse(
    readFileSync(join(SCENARIOS, scenario, 'packuments', `${name.replace('/', '+')}.json`), 'utf8').replaceAll('{{registry}}', REG),
  );
}

export function toPackument(doc: Record<string, any>, fetchedAt = '2026-01-01T00:00:00.000Z'): Packument {
  return parsePackument({ name: doc.name, body: JSON.stringify(doc), registry: REG, fetchedAt });
}

export const scenarioPackument = (scenario: string, name: string): Packument => toPackument(rawPackument(scenario, name));

/** What a stripping mirror serves: no maintainers, no _npmUser, no signatures/attestations, no created/modified. */
export function stripped(doc: Record<string, any>): Record<string, any> {
  const d = structuredClone(doc);
  delete d.maintainers;
  if (d.time) {
    delete d.time.created;
    delete d.time.modified;
  }
  for (const m of Object.values<any>(d.versions)) {
    delete m._npmUser;
    delete m.maintainers;
    delete m.dist.signatures;
    delete m.dist.attestations;
    delete m.dist.unpackedSize;
    delete m.dist.fileCount;
  }
  return d;
}

/** A release folder → npm-style .tgz (entries under `package/`). */
export async function packDir(dir: string): Promise<Buffer> {
  const entries: { name: string; body: Buffer }[] = [];
  const walk = (d: string, rel: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p, `${rel}${f}/`);
      else entries.push({ name: `package/${rel}${f}`, body: readFileSync(p) });
    }
  };
  walk(dir, '');
  return makeTgz(entries);
}

export async function filesOfDir(dir: string, origin: string): Promise<PackageFiles> {
  return readArchive(await packDir(dir), { strip: 'npm', origin });
}

export interface DiffRig {
  reg: RegistryServer;
  npm: NpmSource;
  client: NpmClient;
  close(): Promise<void>;
}

/**
 * Serve a scenario: its packuments, and for every folder in files/<version>/ a tarball whose
 * integrity is written into the packument (so the client verifies real bytes).
 */
export async function serveScenario(scenario: string, mutate?: (name: string, doc: Record<string, any>) => void): Promise<DiffRig> {
  const reg = await startRegistryServer();
  const pdir = join(SCENARIOS, scenario, 'packuments');
  for (const f of readdirSync(pdir)) {
    const doc = JSON.parse(readFileSync(join(pdir, f), 'utf8'));
    const filesDir = join(SCENARIOS, scenario, 'files');
    let versions: string[] = [];
    try {
      versions = readdirSync(filesDir);
    } catch {
      /* scenario without tarballs */
    }
    for (const v of versions) {
      if (!doc.versions[v]) continue;
      const bytes = await packDir(join(filesDir, v));
      doc.versions[v].dist.integrity = ssri.fromData(bytes, { algorithms: ['sha512'] }).toString();
      delete doc.versions[v].dist.shasum;
      reg.addTarball(doc.name, v, bytes);
    }
    mutate?.(doc.name, doc);
    reg.addPackument(doc.name, JSON.stringify(doc));
  }
  const { client, npm } = localNpm(reg.url);
  return {
    reg,
    npm,
    client,
    close: async () => {
      await client.close();
      await reg.close();
    },
  };
}
