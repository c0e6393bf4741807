/**
 * What the registry did not serve is counted honestly (real CLI): maintainers listed in the locked
 * release's manifest count as served (the maintainer checks and fragility read them), even when the
 * packument's top-level list is stripped; the count names the packages fetched in this run, not
 * "every package".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';

const APP = join(ROOT, 'test', 'fixtures', 'e2e', 'small-app');
const REGISTRY = join(ROOT, 'test', 'fixtures', 'npm-registry');
let tmp: string;
let stripped: RegistryServer;
let topless: RegistryServer;

interface Json {
  unavailable: { field: string; reason: string }[];
  facts: { scoring?: Record<string, { factors?: { name: string; value: unknown; explanation?: string }[] }> };
}
const scan = async (reg: RegistryServer, store: string): Promise<Json> => {
  const r = await runCli(['scan', APP, '--registry', reg.url, '--store', join(tmp, store), '--format', 'json'], { cwd: tmp, home: tmp });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as Json;
};

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-availability-'));
  stripped = await startRegistryServer({ fixtures: join(REGISTRY, 'mirror-stripped') });
  // The full packuments without their top-level `maintainers` (the versions keep theirs).
  const dir = join(tmp, 'topless');
  cpSync(join(REGISTRY, 'full-metadata'), dir, { recursive: true });
  for (const f of readdirSync(join(dir, 'packuments'))) {
    const p = join(dir, 'packuments', f);
    const doc = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
    delete doc['maintainers'];
    writeFileSync(p, JSON.stringify(doc));
  }
  topless = await startRegistryServer({ fixtures: dir });
});
after(async () => {
  await stripped.close();
  await topless.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('registry fields not served', () => {
  test('a stripping mirror: maintainers missing for the packages fetched in this run, said once', async () => {
    const j = await scan(stripped, 'stripped.db');
    const m = j.unavailable.filter((u) => u.field === 'maintainers');
    assert.equal(m.length, 1, JSON.stringify(j.unavailable));
    assert.match(m[0]!.reason, /^not available from this registry for (\d+) of the \1 packages fetched in this run; maintainer-set/);
  });

  test('maintainers in the release manifests: not reported missing, and fragility reads them', async () => {
    const j = await scan(topless, 'topless.db');
    assert.ok(!j.unavailable.some((u) => u.field === 'maintainers'), JSON.stringify(j.unavailable));
    const isexe = j.facts.scoring?.['pkg:npm/isexe@2.0.0'];
    const f = isexe?.factors?.find((x) => x.name === 'fragility.maintainers');
    assert.match(String(f?.explanation), /^one person \(the locked release's maintainers\): isaacs/);
  });
});
