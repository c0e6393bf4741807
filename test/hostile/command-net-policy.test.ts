/**
 * Every command that fetches beyond the npm registry (the Debian commands, `advisories update` from
 * a URL, `audit fetch` of an imported audits file) passes --allow-host and --timeout through to
 * the network layer, and so does `scan` for lockfile URLs on another host (real CLI, all on 127.0.0.1).
 * A server redirects every request to `mirror-cdn.invalid`: without the flag each command refuses
 * the hop and names the flag; with it the hop is taken and the next check decides (here the name
 * resolves to a loopback address, which an allowed host may not use: nothing is connected to).
 * A server that accepts connections and never answers is given up at the run's --timeout.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { startRegistryServer } from '../helpers/registry-server.js';

const STATUS = join(ROOT, 'test', 'fixtures', 'debian', 'status-ssh-host', 'status');
const DEV02 = join(ROOT, 'test', 'fixtures', 'advisories', 'fleet', 'hosts', 'dev-02', 'status');
const PRELOAD = join(ROOT, 'test', 'helpers', 'dns-invalid-preload.mjs');
let tmp: string;
let server: Server;
let mirror: string;
let silent: TcpServer;
let silentUrl: string;
const silentSockets = new Set<Socket>();
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
  // Accepts connections and never answers.
  silent = createTcpServer((sock) => {
    silentSockets.add(sock);
    sock.on('close', () => silentSockets.delete(sock));
    sock.on('error', () => {});
  });
  await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
after(async () => {
  for (const sock of silentSockets) sock.destroy();
  await new Promise<void>((ok) => silent.close(() => ok()));
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
  'advisories update --from URL': () => ['advisories', 'update', '--from', `${mirror}/osv/all.zip`],
  'audit fetch (an import by URL)': () => {
    importFrom(`${mirror}/org-b/audits.toml`);
    return ['audit', 'fetch', '--update-pins'];
  },
};

/** A supply-chain folder in tmp whose one import is fetched from `url`. */
function importFrom(url: string): void {
  mkdirSync(join(tmp, 'supply-chain'), { recursive: true });
  writeFileSync(join(tmp, 'supply-chain', 'config.toml'), `[imports.org-b]\nurl = "${url}"\ncriteria = ["safe-to-run"]\n`);
}

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

// Without the deadline each of these waits minutes (two minutes per attempt on the Debian path,
// one minute for an import, ten for an advisory dump): the message must name --timeout.
const stalled: Record<string, () => string[]> = {
  'debian rank': () => ['debian', 'rank', '--mirror', silentUrl, '--suite', 'bookworm'],
  'advisories update --from URL': () => ['advisories', 'update', '--from', `${silentUrl}/osv/all.zip`],
  'audit fetch (an import by URL)': () => {
    importFrom(`${silentUrl}/org-b/audits.toml`);
    return ['audit', 'fetch', '--update-pins'];
  },
};
for (const [name, args] of Object.entries(stalled)) {
  test(`${name}: a server that never answers is given up at the run's --timeout`, async () => {
    const r = await run([...args(), '--timeout', '1']);
    const out = r.stdout + r.stderr;
    assert.notEqual(r.code, 0, out.slice(0, 2000));
    assert.notEqual(r.code, 70, out.slice(0, 2000));
    assert.match(out, /the deadline of this run \(--timeout\) passed/, out.slice(0, 2000));
  });
}

test('scan: a lockfile URL on another host is a finding and is not fetched; --allow-host lets it through to the address check', async () => {
  const reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
  try {
    const dir = join(tmp, 'other-host-app');
    cpSync(join(ROOT, 'test', 'fixtures', 'e2e', 'small-app'), dir, { recursive: true });
    const lockPath = join(dir, 'package-lock.json');
    const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, Record<string, unknown>> };
    // The registry's own port under another name: a fetch would show up in its request log.
    const port = new URL(reg.url).port;
    lock.packages['node_modules/isexe']!.resolved = `http://tarballs.invalid:${port}/isexe/-/isexe-2.0.0.tgz`;
    writeFileSync(lockPath, JSON.stringify(lock));
    const scan = (extra: string[]) =>
      runCli(['scan', dir, '--registry', reg.url, '--store', join(tmp, 'other-host.db'), '--format', 'json', '--allow-partial', ...extra], {
        cwd: tmp,
        home: tmp,
        env: { NODE_OPTIONS: `--import=${PRELOAD}` },
      });
    const tarballAsked = () => reg.requests.some((q) => q.path.endsWith('/isexe-2.0.0.tgz'));
    const refused = await scan([]);
    assert.equal(refused.code, 0, refused.stderr);
    const j = JSON.parse(refused.stdout) as { findings: { rule: string; title: string }[]; problems: { message: string }[] };
    assert.ok(
      j.findings.some((f) => f.rule === 'npm/resolved-source' && /tarballs\.invalid:\d+, which is not a configured registry/.test(f.title)),
      JSON.stringify(j.findings.map((f) => f.title)),
    );
    assert.ok(j.problems.some((p) => /not fetched: isexe@2\.0\.0 is resolved from tarballs\.invalid:\d+/.test(p.message)));
    assert.equal(tarballAsked(), false, 'the tarball was not fetched');
    const allowed = await scan(['--allow-host', 'tarballs.invalid']);
    const out = allowed.stdout + allowed.stderr;
    assert.doesNotMatch(out, /not fetched: isexe@2\.0\.0 is resolved from tarballs\.invalid:\d+/);
    assert.match(out, /tarballs\.invalid resolves to 127\.0\.0\.1: an internal or private address, not connected/, out.slice(0, 3000));
    assert.equal(tarballAsked(), false, 'an allowed host still may not be an internal address');
  } finally {
    await reg.close();
  }
});
