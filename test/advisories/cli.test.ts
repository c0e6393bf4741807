import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { GLOBAL_OPTIONS } from '../../src/core/options.js';
import { parseCommandLine, resolveOptions } from '../../src/cli/parse-args.js';
import type { Command, CommandOutcome } from '../../src/cli/command.js';
import { affectedCommand } from '../../src/cli/commands/affected.js';
import { advisoriesCommand } from '../../src/cli/commands/advisories.js';
import { allRenderers } from '../../src/report/index.js';
import { renderAffectedTable } from '../../src/analyzers/advisories/index.js';
import { AFFECTED_FACTS } from '../../src/analyzers/advisories/affected.js';
import { readResultFacts } from '../../src/core/facts.js';
import { isVigilError } from '../../src/core/errors.js';
import { startRegistryServer } from '../helpers/registry-server.js';
import { startArchiveServer, ARCHIVE_FIXTURE, type ArchiveServer } from '../debian/archive-server.js';

const ROOT = resolve('.');
let dir: string;
let storePath: string;

async function run(cmd: Command, argv: string[], registry = 'http://127.0.0.1:9/'): Promise<CommandOutcome> {
  const table = [...GLOBAL_OPTIONS, ...cmd.options];
  const { flags, positionals } = parseCommandLine([...argv, '--store', storePath, '--registry', registry], table);
  const options = resolveOptions(table, flags, positionals, undefined, {});
  return cmd.run({ options, cwd: ROOT, stdout: new PassThrough(), stderr: new PassThrough(), events: () => {}, env: {} });
}

describe('CLI: advisories and affected', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-adv-cli-'));
    storePath = join(dir, 'vigil.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('advisories update --from ZIP reports counts; list shows built-in + stored', async () => {
    const out = await run(advisoriesCommand, ['update', '--from', 'test/fixtures/advisories/zip-with-malformed-entry/npm-all.zip']);
    assert.equal(out.kind, 'text');
    if (out.kind !== 'text') return;
    assert.match(out.text, /^imported 4 advisories \(1 withdrawn\), skipped 2; the store now holds 4\./);
    assert.match(out.text, /GHSA-test-truncated\.json: not valid JSON/);
    assert.equal(out.exitCode, 0);
    const list = await run(advisoriesCommand, ['list']);
    assert.ok(
      list.kind === 'text' && /advisories in effect: 9 built-in, 4 imported/.test(list.text),
      list.kind === 'text' ? list.text : '',
    );
    const show = await run(advisoriesCommand, ['show', 'DSA-5649-1']);
    assert.ok(show.kind === 'text' && show.text.includes('affects Debian:13 xz-utils: >=5.5.1alpha-0.1 <5.6.1+really5.4.5-1'));
  });

  test('affected CVE-2024-3094 over the fleet folder: ScanResult with the table, renders in every format', async () => {
    const out = await run(affectedCommand, [
      'CVE-2024-3094',
      'test/fixtures/advisories/fleet',
      '--index',
      'test/fixtures/advisories/debian-index/Packages',
      '--offline',
    ]);
    assert.equal(out.kind, 'result');
    if (out.kind !== 'result') return;
    const r = out.result;
    assert.equal(r.summary.findings.critical, 9);
    const table = readResultFacts(r, AFFECTED_FACTS)!;
    assert.equal(table.rows.length, 9);
    const text = renderAffectedTable(table);
    assert.match(text, /6 of 23 inventories affected, 9 affected components/);
    assert.match(text, /hosts\/dev-02\/status: apt-get install liblzma5=5\.6\.1\+really5\.4\.5-1/);
    for (const [fmt, render] of await allRenderers()) {
      const s = render(r, { terminal: { color: false, width: 120 } });
      assert.ok(s.includes('liblzma5'), `${fmt} renders the affected component`);
    }
  });

  test('affected FILE: an ad-hoc OSV record for a fresh incident, npm fix from --packument versions', async () => {
    const rec = {
      id: 'MAL-2099-0100',
      modified: '2099-01-01T00:00:00Z',
      summary: 'Malicious code in through (npm)',
      affected: [{ package: { ecosystem: 'npm', name: 'through' }, versions: ['2.3.8'] }],
    };
    const file = join(dir, 'incident.json');
    writeFileSync(file, JSON.stringify(rec));
    const pack = join(dir, 'through.json');
    writeFileSync(pack, JSON.stringify({ name: 'through', versions: { '2.3.6': {}, '2.3.7': {}, '2.3.8': {}, '2.3.9': {} } }));
    const out = await run(affectedCommand, [
      file,
      'test/fixtures/advisories/event-stream-project/package-lock.json',
      '--packument',
      pack,
      '--offline',
    ]);
    assert.ok(out.kind === 'result');
    if (out.kind !== 'result') return;
    const t = readResultFacts(out.result, AFFECTED_FACTS)!;
    assert.deepEqual(
      t.rows.map((r) => [r.package, r.safeDowngrade, r.safeUpgrade, r.recommended, r.fix]),
      [['through', '2.3.7', '2.3.9', '2.3.9', '{"overrides":{"through":"2.3.9"}}']],
    );
    assert.equal(out.result.findings[0]!.rule, 'advisory/malicious');
    assert.ok(
      out.result.problems.some((p) => /versions of through unavailable/.test(p.message)),
      'offline registry miss is reported, not fatal',
    );
  });

  test('affected with --mirror/--suite: versions from the Debian archive (signed InRelease, Packages)', async () => {
    const srv: ArchiveServer = await startArchiveServer();
    try {
      const out = await run(affectedCommand, [
        'CVE-2024-3094',
        'test/fixtures/advisories/fleet/hosts/dev-02/status',
        '--mirror',
        srv.url,
        '--suite',
        'bookworm',
        '--keyring',
        join(ARCHIVE_FIXTURE, 'test-keyring.gpg'),
      ]);
      assert.ok(out.kind === 'result');
      if (out.kind !== 'result') return;
      const t = readResultFacts(out.result, AFFECTED_FACTS)!;
      assert.equal(t.rows.length, 1);
      const r = t.rows[0]!;
      assert.equal(r.safeDowngrade, '5.4.1-1+deb12u1', 'the version the bookworm fixture archive carries');
      assert.equal(r.safeUpgrade, '5.6.1+really5.4.5-1');
      assert.ok(r.versionSources.includes('archive'), r.versionSources.join());
      assert.ok(srv.requests.some((q) => q.path.endsWith('/Packages.xz') || q.path.endsWith('/Packages.gz')));
    } finally {
      await srv.close();
    }
  });

  test('online: existing npm versions come from the registry packument (127.0.0.1)', async () => {
    const reg = await startRegistryServer();
    try {
      const versions = Object.fromEntries(
        ['3.3.4', '3.3.5', '3.3.6', '4.0.0', '4.0.1'].map((v) => [
          v,
          {
            name: 'event-stream',
            version: v,
            dist: { tarball: `${reg.url}event-stream/-/event-stream-${v}.tgz`, shasum: '0'.repeat(40) },
          },
        ]),
      );
      reg.addPackument('event-stream', { name: 'event-stream', 'dist-tags': { latest: '4.0.1' }, versions });
      const out = await run(
        affectedCommand,
        ['GHSA-mh6f-8j2x-4483', 'test/fixtures/advisories/event-stream-project/package-lock.json'],
        reg.url,
      );
      assert.ok(out.kind === 'result');
      if (out.kind !== 'result') return;
      const t = readResultFacts(out.result, AFFECTED_FACTS)!;
      const es = t.rows.find((r) => r.package === 'event-stream')!;
      assert.deepEqual(
        [es.safeDowngrade, es.safeUpgrade, es.recommended, es.fix],
        ['3.3.5', '4.0.0', '3.3.5', '{"overrides":{"event-stream":"3.3.5"}}'],
      );
      assert.ok(es.versionSources.includes('registry'));
      assert.ok(reg.count('/event-stream') >= 1);
    } finally {
      await reg.close();
    }
  });

  test('a folder without any inventory is a clear error, not an empty table', async () => {
    await assert.rejects(
      run(affectedCommand, ['CVE-2024-3094', 'test/fixtures/advisories/debian-index', '--offline']),
      (e) => isVigilError(e, 'E_NO_INVENTORY') && /no lockfile, SBOM or dpkg status file found/.test(e.message),
    );
  });

  test('unknown advisory id is a usage error with a hint', async () => {
    await assert.rejects(
      run(affectedCommand, ['CVE-1999-0000', 'test/fixtures/advisories/fleet', '--offline']),
      (e) => isVigilError(e, 'E_USAGE') && /unknown advisory CVE-1999-0000/.test(e.message) && /advisories update/.test(e.hint ?? ''),
    );
  });
});
