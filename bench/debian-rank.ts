/**
 * Debian ranking benchmark: rank every source package of a suite (default: the first suite in this
 * machine's apt sources, or --suite) from CACHED indexes, against the floor of just decompressing
 * those same indexes. Run once online to fill the store, then it works offline:
 *   node --import tsx bench/debian-rank.ts [--suite sid] [--store PATH]
 * Prints: decompress floor, rank with memoized digests (warm), rank re-deriving digests from the
 * cached compressed indexes (cold digests), and the ratios. Target: cold ≤ 3× the floor.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/types.js';
import { rankDebianSuite } from '../src/analyzers/debian/rank-suite.js';
import { decompressByName } from '../src/formats/debian/decompress.js';
import { DEB_INDEX_KIND } from '../src/sources/debian/archive-client.js';

const arg = (n: string): string | undefined => {
  const i = process.argv.indexOf(`--${n}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const store = openStore({ path: arg('store') ?? join(tmpdir(), 'vigil-debian-bench.db') });
const suite = arg('suite');
const ms = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;

/** Same store, but digests are invisible: forces decompress + digest from the cached indexes. */
const noDigests: Store = new Proxy(store, {
  get(target, prop, recv) {
    if (prop === 'getAnalysis') return (k: string) => (k.startsWith('deb-digest:') ? undefined : target.getAnalysis(k));
    if (prop === 'putAnalysis') return () => {};
    const v = Reflect.get(target, prop, recv);
    return typeof v === 'function' ? v.bind(target) : v;
  },
});

const first = await rankDebianSuite({ store, suite, maxAgeSeconds: 365 * 86400 });
const facts = first.facts.debian as {
  suite: { uri: string; suite: string; indexes: Record<string, string> };
  stats: Record<string, number>;
};
if (!facts.suite || Object.keys(facts.suite.indexes).length < 2) {
  console.error('no indexes loaded:', first.problems.map((p) => p.message).join('\n'));
  process.exit(2);
}
let t = process.hrtime.bigint();
let bytes = 0;
for (const path of Object.keys(facts.suite.indexes)) {
  const url = `${facts.suite.uri}/dists/${facts.suite.suite}/${path}`;
  const e = store.getCache(DEB_INDEX_KIND, url);
  if (!e) throw new Error(`not cached: ${url}`);
  bytes += (await decompressByName(path, e.body)).length;
}
const floor = ms(t);
t = process.hrtime.bigint();
await rankDebianSuite({ store, suite, offline: true });
const warm = ms(t);
t = process.hrtime.bigint();
await rankDebianSuite({ store: noDigests, suite, offline: true });
const cold = ms(t);
const s = facts.stats;
console.log(
  `suite ${facts.suite.suite}: ${s.binaryPackages} binary / ${s.sourcePackages} source packages, ${s.edges} edges, ${(bytes / 1e6).toFixed(1)} MB decompressed`,
);
console.log(`floor (decompress cached indexes): ${floor.toFixed(0)} ms`);
console.log(`rank, memoized digests:            ${warm.toFixed(0)} ms  ratio ${(warm / floor).toFixed(2)}×`);
console.log(`rank, digests rebuilt from cache:  ${cold.toFixed(0)} ms  ratio ${(cold / floor).toFixed(2)}×  (target ≤ 3×)`);
store.close();
process.exit(cold / floor <= 3 ? 0 : 1);
