import { startArchiveServer } from '../test/debian/archive-server.ts';
import { startRegistryServer } from '../test/helpers/registry-server.ts';
const a = await startArchiveServer();
const r = await startRegistryServer({ fixtures: 'test/fixtures/npm-registry/full-metadata' });
console.log(a.url, r.url);
setTimeout(
  () => {
    a.close();
    r.close();
  },
  Number(process.argv[2] ?? 600) * 1000,
);
