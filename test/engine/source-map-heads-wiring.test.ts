/**
 * `vigil scan` reads source maps as their head (sources/archive/source-map-head.ts) through the
 * readers its deps wire, whole or streamed; `--repo` and `--deep` compare releases file by file and
 * read them whole, and so does every other command (the option is off unless asked for).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { withOfflineDeps } from './offline-deps.js';
import { scanSourceMapHeads } from '../../src/cli/open-deps.js';
import { makeTgz } from '../archive/helpers.js';

const map = JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA;'.repeat(40_000) });

async function read(sourceMapHeads: boolean | undefined) {
  return withOfflineDeps(sourceMapHeads !== undefined ? { sourceMapHeads } : {}, async (deps) => {
    const tgz = await makeTgz([
      { name: 'package/package.json', body: '{"name":"p","version":"1.0.0"}' },
      { name: 'package/index.js.map', body: map },
    ]);
    const whole = (await deps.readPackage(tgz, 'p.tgz')).files.find((f) => f.path === 'index.js.map')!;
    const streamed = (await deps.readPackageStream!(Readable.from([tgz]), 'p.tgz', tgz.length)).files.find(
      (f) => f.path === 'index.js.map',
    )!;
    return [whole, streamed];
  });
}

test('scan deps cut a source map at its head, whole and streamed; other deps read it whole', async () => {
  for (const f of await read(true)) {
    assert.equal(f.sourceMapHead, true);
    assert.equal(f.head?.length, 64 * 1024);
    assert.equal(f.size, map.length);
  }
  for (const f of [...(await read(false)), ...(await read(undefined))]) {
    assert.equal(f.sourceMapHead, undefined);
    assert.equal(f.data?.toString(), map);
  }
});

test('a scan keeps source-map heads unless --repo or --deep asks for a file-by-file comparison', () => {
  assert.equal(scanSourceMapHeads({}), true);
  assert.equal(scanSourceMapHeads({ repo: [], deep: false }), true);
  assert.equal(scanSourceMapHeads({ repo: ['left-pad=/src/left-pad'] }), false);
  assert.equal(scanSourceMapHeads({ deep: true }), false);
});
