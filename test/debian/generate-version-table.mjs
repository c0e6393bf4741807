#!/usr/bin/env node
// Regenerates test/fixtures/debian/version-table/table.json: real version pairs, each answered by
// THIS machine's `dpkg --compare-versions` (the oracle). The test reads only the stored table.
// Usage: node test/debian/generate-version-table.mjs [STATUS_FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const curated = [
  ['5.6.1+really5.4.5-1', '5.6.1-1'],
  ['5.6.1+really5.4.5-1', '5.4.5-0.3'],
  ['5.6.1-1', '5.4.5-0.3'],
  ['5.6.1+really5.4.5-1', '5.6.1+really5.4.5-1'],
  ['5.6.0-0.2', '5.6.1+really5.4.5-1'],
  ['5.4.1-0.2', '5.4.5-0.3'],
  ['5.4.1-0.2', '5.4.1-0.2+deb12u1'],
  ['5.4.5-0.3', '5.4.5-0.3+b1'],
  ['5.6.1+really5.4.5-1', '5.6.1+really5.4.5-1+b1'],
  ['1.0~rc1-1', '1.0-1'],
  ['1.0~rc1', '1.0~rc1~'],
  ['1.0~', '1.0'],
  ['1.0~~', '1.0~'],
  ['1.0~~a', '1.0~~'],
  ['1.0', '1.0-0'],
  ['1.0', '1.0-1'],
  ['1.0-0', '1.0-00'],
  ['1:1.0', '2.0'],
  ['0:1.0', '1.0'],
  ['2:0.1', '1:9.9'],
  ['1.0a', '1.0'],
  ['1.0a', '1.0+'],
  ['1.0+', '1.0.'],
  ['1.0a', '1.0A'],
  ['1.0Z', '1.0a'],
  ['1.01', '1.1'],
  ['1.001', '1.1'],
  ['1.10', '1.9'],
  ['1.2.3', '1.2.10'],
  ['1.0+dfsg-1', '1.0-1'],
  ['1.0+dfsg1-1', '1.0+dfsg-1'],
  ['1.0-1ubuntu1', '1.0-1'],
  ['1.0-1+deb12u1', '1.0-1'],
  ['1.0-1+b1', '1.0-1+deb12u1'],
  ['1.0-1~bpo12+1', '1.0-1'],
  ['1.0-1~deb12u1', '1.0-1'],
  ['2.36-9+deb12u4', '2.36-9+deb12u10'],
  ['2.36-9+deb12u10', '2.37-1'],
  ['252.22-1~deb12u1', '252.26-1~deb12u2'],
  ['252.26-1~deb12u2', '252.30-1~deb12u2'],
  ['1:9.2p1-2+deb12u2', '1:9.2p1-2+deb12u3'],
  ['1:9.2p1-2+deb12u3', '1:9.2p1-2'],
  ['1:9.2p1-2', '1:9.3p1-1'],
  ['1:9.2p1-2', '9.9p1-1'],
  ['9.2p1', '9.2'],
  ['9.2p1', '9.10'],
  ['3.0.11-1~deb12u2', '3.0.15-1~deb12u1'],
  ['3.0.15-1~deb12u1', '3.0.15-1'],
  ['1.22.1-9', '1.22.1-9+deb12u1'],
  ['2.4.62-1~deb12u1', '2.4.62-1~deb12u2'],
  ['1.9.13p3-1+deb12u1', '1.9.13p3-1'],
  ['1.9.13p3', '1.9.13'],
  ['1.9.13p3', '1.9.13rc1'],
  ['7.88.1-10+deb12u5', '7.88.1-10+deb12u12'],
  ['0.0~git20200101.abcdef-1', '0.0~git20200102.000000-1'],
  ['0.0~git20200101-1', '0.1-1'],
  ['0~20240101', '0'],
  ['1.2.3-4.5', '1.2.3-4.10'],
  ['1.2.3-4.5', '1.2.3-4.5.1'],
  ['1.2.3-a', '1.2.3-1'],
  ['1.2.3-a1', '1.2.3-a'],
  ['10', '9'],
  ['00010', '9'],
  ['1.0.0', '1.0'],
  ['1.0.0', '1.0+'],
  ['1.0', '1.0.0~'],
  ['1.0.0~', '1.0'],
  ['a', 'b'],
  ['1a', '1b'],
  ['1a1', '1a01'],
  ['1.0-1-1', '1.0-1'],
  ['1.0-1-1', '1.0-2'],
  ['1:1.0-1-1', '1:1.0-1'],
  ['3.4.3~beta1-1', '3.4.3-1'],
  ['3.4.3+git1-1', '3.4.3-1'],
  ['3.4.3+git1-1', '3.4.3.1-1'],
  ['6.1.0-18', '6.1.0-9'],
  ['6.1.76-1', '6.1.112-1'],
  ['4.19.0-27', '6.1.0-1'],
  ['2023.01.17-1', '2024.02.04'],
  ['20230311', '20230311.1'],
  ['1.2+b1', '1.2+1'],
  ['1.2+b', '1.2+a'],
  ['1.2.b', '1.2+b'],
  ['1.2~b', '1.2+b'],
  ['1.2~', '1.2~b'],
  ['2.0.0+~2.0.0-1', '2.0.0-1'],
  ['2.0.0+~cs1.2.3-1', '2.0.0+~2.0.0-1'],
  ['1.0+r23+gitabc-1', '1.0+r3+gitabc-1'],
];

const statusFile = process.argv[2] ?? '/var/lib/dpkg/status';
const versions = [];
for (const m of readFileSync(statusFile, 'utf8').matchAll(/^Version: (.+)$/gm)) versions.push(m[1].trim());
const uniq = [...new Set(versions)].sort();
// Adjacent versions in lexical order share prefixes: they exercise the digit/non-digit runs.
const hostPairs = [];
for (let i = 0; i + 1 < uniq.length && hostPairs.length < 120; i += Math.max(1, Math.floor(uniq.length / 120))) {
  hostPairs.push([uniq[i], uniq[i + 1]]);
}

function dpkg(a, op, b) {
  const r = spawnSync('dpkg', ['--compare-versions', a, op, b]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`dpkg failed on ${a} ${op} ${b}: ${r.stderr}`);
  return r.status === 0;
}

const table = [];
for (const [a, b] of [...curated, ...hostPairs]) {
  const cmp = dpkg(a, 'lt', b) ? -1 : dpkg(a, 'eq', b) ? 0 : 1;
  table.push({ a, b, cmp });
}
const out = new URL('../fixtures/debian/version-table/table.json', import.meta.url);
writeFileSync(
  out,
  JSON.stringify({ oracle: 'dpkg --compare-versions', generatedAt: new Date().toISOString().slice(0, 10), pairs: table }, null, 1) + '\n',
);
console.log(`${table.length} pairs written`);
