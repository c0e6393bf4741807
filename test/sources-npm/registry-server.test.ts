import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { packumentPath, startRegistryServer, tarballPath } from '../helpers/registry-server.js';
import { FIXTURES } from './helpers.js';

test('registry server: fixtures, placeholders, prerelease tarballs, base path, counting', async () => {
  const reg = await startRegistryServer({ fixtures: join(FIXTURES, 'full-metadata'), basePath: 'npm' });
  assert.match(reg.url, /^http:\/\/127\.0\.0\.1:\d+\/npm\/$/);
  const doc = (await (await fetch(`${reg.url}@types%2fnormalize-package-data`)).json()) as {
    versions: Record<string, { dist: { tarball: string } }>;
  };
  assert.equal(doc.versions['2.4.0']?.dist.tarball, `${reg.url}@types/normalize-package-data/-/normalize-package-data-2.4.0.tgz`);
  reg.addTarball('@s/p', '1.0.0-beta.1', Buffer.from([0x1f, 0x8b, 1]));
  const t = await fetch(`${reg.url}@s/p/-/p-1.0.0-beta.1.tgz`);
  assert.equal(t.status, 200);
  assert.deepEqual([...Buffer.from(await t.arrayBuffer())], [0x1f, 0x8b, 1]);
  assert.equal((await fetch(`${reg.url}isexe/-/isexe-2.0.0.tgz`)).status, 200, 'fixture tarball loaded');
  reg.misbehave(packumentPath('isexe'), { kind: 'status', status: 500, times: 1 });
  assert.equal((await fetch(`${reg.url}isexe`)).status, 500);
  assert.equal((await fetch(`${reg.url}isexe`)).status, 200);
  assert.equal(reg.count(packumentPath('isexe')), 2);
  assert.equal(reg.count(tarballPath('@s/p', '1.0.0-beta.1')), 1);
  reg.reset();
  assert.equal(reg.count(), 0);
  await reg.close();
});
