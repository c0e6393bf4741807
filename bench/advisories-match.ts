/**
 * `node --import tsx bench/advisories-match.ts`: match 10,000 OSV advisories against a 3,000-component
 * inventory (npm + deb, with edges for dependency paths). Synthetic, deterministic data. Prints the
 * time of each stage. Target: matching (load from the store + index + match) < 2 s; parsing happens
 * once, at `advisories update` time, and is shown separately. Not part of `npm test`.
 */
import { performance } from 'node:perf_hooks';
import { parseOsvRecord } from '../src/sources/osv/parse.js';
import { AdvisoryDb } from '../src/sources/osv/db.js';
import { saveAdvisories, loadStoredAdvisories } from '../src/sources/osv/store.js';
import { openStore } from '../src/store/open.js';
import { matchInventory } from '../src/analyzers/advisories/match.js';
import { npmPurl, debPurl } from '../src/core/purl.js';
import type { Advisory } from '../src/sources/osv/model.js';
import type { Inventory, InventoryComponent } from '../src/core/types.js';

const N_ADV = 10_000,
  N_NPM = 2_500,
  N_DEB = 500,
  N_NAMES = 4_000;
let seed = 42;
const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);

const raws: unknown[] = [];
for (let i = 0; i < N_ADV; i++) {
  const deb = i % 5 === 0;
  const name = deb ? `debpkg${rnd(N_NAMES)}` : `pkg${rnd(N_NAMES)}`;
  const a = rnd(5),
    b = rnd(10);
  const events = [{ introduced: deb ? `${a}.${b}-1` : `${a}.${b}.0` }, { fixed: deb ? `${a}.${b + 1}-1` : `${a}.${b + 1}.0` }];
  raws.push({
    id: deb ? `DEBIAN-CVE-2099-${i}` : `GHSA-bench-${i}`,
    modified: '2024-01-01T00:00:00Z',
    aliases: [`CVE-2099-${i}`],
    summary: `bench advisory ${i}`,
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: deb ? 'Debian:12' : 'npm', name },
        ranges: [{ type: deb ? 'ECOSYSTEM' : 'SEMVER', events }],
        versions: rnd(3) === 0 ? [`${a}.${b}.${rnd(3)}`] : [],
      },
    ],
    references: [{ type: 'WEB', url: `https://example.test/${i}` }],
  });
}
const comps: InventoryComponent[] = [];
for (let i = 0; i < N_NPM; i++) {
  const name = `pkg${i}`,
    version = `${rnd(5)}.${rnd(12)}.${rnd(3)}`;
  comps.push({
    purl: npmPurl(name, version),
    ecosystem: 'npm',
    name,
    version,
    locations: [{ file: 'package-lock.json' }],
    dev: false,
    optional: false,
  });
}
for (let i = 0; i < N_DEB; i++) {
  const name = `debpkg${i}`,
    version = `${rnd(5)}.${rnd(12)}-1`;
  comps.push({
    purl: debPurl(name, version, 'amd64'),
    ecosystem: 'deb',
    name,
    version,
    locations: [{ file: 'status' }],
    dev: false,
    optional: false,
    meta: { source: name, sourceVersion: version },
  });
}
const inv: Inventory = {
  sources: [{ file: 'bench', format: 'synthetic' }],
  roots: [{ id: 'root:app', name: 'app', path: '.' }],
  components: comps,
  problems: [],
  edges: comps.map((c, i) => ({ from: i < 50 ? 'root:app' : comps[rnd(i)]!.purl, to: c.purl, kind: 'prod' as const })),
};

const t0 = performance.now();
const parsed: Advisory[] = raws.map((r) => parseOsvRecord(r, { file: 'bench.json' }).advisory!).filter(Boolean);
const t1 = performance.now();
const store = openStore({ path: ':memory:' });
saveAdvisories(store, parsed, 'bench', { imported: parsed.length, withdrawn: 0, skipped: 0, unsupportedEcosystems: {} });
const t2 = performance.now();
const loaded = loadStoredAdvisories(store);
const db = new AdvisoryDb(loaded);
const t3 = performance.now();
const hits = matchInventory(db, inv);
const t4 = performance.now();
store.close();
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`advisories: ${parsed.length}, components: ${comps.length}, hits: ${hits.length}`);
console.log(`parse ${ms(t1 - t0)} | store write (gzip, 1 txn) ${ms(t2 - t1)} | load + index ${ms(t3 - t2)} | match ${ms(t4 - t3)}`);
console.log(`matching (load + index + match): ${ms(t4 - t2)}   (target < 2000 ms)`);
console.log(`parse + load + index + match: ${ms(t1 - t0 + t4 - t2)}`);
