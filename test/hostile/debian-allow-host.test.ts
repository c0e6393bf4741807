/**
 * The Debian commands pass --allow-host through to the network layer (real CLI, all on 127.0.0.1).
 * A mirror redirects every request to `mirror-cdn.invalid`: without the flag each command refuses
 * the hop and names the flag; with it the hop is taken and the next check decides (here the name
 * resolves to a loopback address, which an allowed host may not use: nothing is connected to).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/run-cli.js';

const STATUS = join(ROOT, 'test', 'fixtures', 'debian', 'status-ssh-host', 'status');
const DEV02 = join(ROOT, 'test', 'fixtures', 'advisories', 'fleet', 'hosts', 'dev-02', 'status');
const PRELOAD = join(ROOT, 'test', 'helpers', 'dns-invalid-preload.mjs');
let tmp: string;
let server: Server;
let mirror: string;
const asked: string[] = [];

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-deb-allow-host-'));
  // An advisory on the xz-utils source of dev-02's liblzma5: `affected` then asks the archive for versions.
  writeFileSync(
    join(tmp, 'advisory.json'),
    JSON.stringify({
      id: 'VIGIL-TEST-1',
      modified: '2024-03-29T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'xz-utils' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.6.1+really5.4.5-1' }] }],
        },
      ],
    }),
  );
  server = createServer((req, res) => {
    asked.push(`${req.headers.host ?? ''}${req.url ?? ''}`);
    res.writeHead(302, { location: `http://mirror-cdn.invalid:${(server.address() as { port: number }).port}${req.url ?? '/'}` });
    res.end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  mirror = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(tmp, { recursive: true, force: true });
});

const commands: Record<string, () => string[]> = {
  host: () => ['host', STATUS, '--mirror', mirror, '--suite', 'bookworm', '--allow-partial'],
  'debian rank': () => ['debian', 'rank', '--mirror', mirror, '--suite', 'bookworm'],
  'diff deb:': () => [
    'diff',
    'deb:zlib1g',
    '1:1.2.13.dfsg-1',
    '1:1.3.dfsg-3',
    '--mirror',
    mirror,
    '--suite',
    'bookworm',
    '--allow-partial',
  ],
  'verify deb:': () => ['verify', 'deb:zlib=1:1.3.dfsg-3', '--source', tmp, '--mirror', mirror],
  'affected --mirror': () => ['affected', join(tmp, 'advisory.json'), DEV02, '--mirror', mirror, '--suite', 'bookworm'],
};

const run = (args: string[]) =>
  runCli([...args, '--store', join(tmp, 'v.db'), '--format', 'json'], {
    cwd: tmp,
    home: tmp,
    env: { NODE_OPTIONS: `--import=${PRELOAD}` },
  });

for (const [name, args] of Object.entries(commands)) {
  test(`${name}: a redirect to another host is refused without --allow-host and taken with it`, async () => {
    const refused = await run(args());
    const out = refused.stdout + refused.stderr;
    assert.match(out, /redirected to mirror-cdn\.invalid:\d+, which is not the host that was asked/, out.slice(0, 2000));
    assert.match(out, /--allow-host mirror-cdn\.invalid/);
    const allowed = await run([...args(), '--allow-host', 'mirror-cdn.invalid']);
    const out2 = allowed.stdout + allowed.stderr;
    assert.doesNotMatch(out2, /which is not the host that was asked/, out2.slice(0, 2000));
    assert.match(out2, /mirror-cdn\.invalid resolves to 127\.0\.0\.1: an internal or private address, not connected/, out2.slice(0, 2000));
    assert.ok(asked.length > 0, 'the mirror was asked');
    assert.ok(!asked.some((h) => h.startsWith('mirror-cdn.invalid')), 'nothing reached the redirect target');
  });
}
