import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { isVigilError } from '../../src/core/errors.js';
import { join } from 'node:path';
import { rankDebianSuite, formatRanking } from '../../src/analyzers/debian/rank-suite.js';
import { fragilityOf, rankSuite, type RankedSource } from '../../src/analyzers/debian/rank.js';
import { buildSuiteGraph, digestPackageGraph } from '../../src/sources/debian/suite-graph.js';
import { sourcePeople } from '../../src/analyzers/debian/people.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { ARCHIVE_FIXTURE, startArchiveServer, type ArchiveServer } from './archive-server.js';

const KEYRING = join(ARCHIVE_FIXTURE, 'test-keyring.gpg');

describe('suite graph', () => {
  test('alternatives and Provides resolve to packages of the suite; reverse edges exist', () => {
    const idx = [
      'Package: app\nVersion: 1\nDepends: missing | mta, libz (>= 1)\nPre-Depends: libc',
      'Package: postfix\nVersion: 2\nProvides: mta',
      'Package: libz\nSource: zlib (1:1.3)\nVersion: 1:1.3+b1\nSection: libs',
      'Package: libc\nVersion: 2.40\nEssential: yes\nPriority: required',
    ].join('\n\n');
    const g = buildSuiteGraph(digestPackageGraph(idx));
    const deps = (n: string) => [...g.fwdTo.subarray(g.fwdOff[g.id.get(n)!]!, g.fwdOff[g.id.get(n)! + 1]!)].map((i) => g.names[i]);
    assert.deepEqual(deps('app').sort(), ['libc', 'libz', 'postfix']);
    assert.equal(g.sources[g.id.get('libz')!], 'zlib');
    assert.equal(g.essential[g.id.get('libc')!], 1);
    const revLibc = [...g.revTo.subarray(g.revOff[g.id.get('libc')!]!, g.revOff[g.id.get('libc')! + 1]!)].map((i) => g.names[i]);
    assert.deepEqual(revLibc, ['app']);
  });
});

describe('fragility', () => {
  const e = (m: string, u: string[] = [], vcs: Record<string, string> = { 'vcs-git': 'x' }) =>
    sourcePeople('s', { version: '1', maintainer: m, uploaders: u, vcs, binaries: [], line: 1, suite: 's', uri: 'u' });
  test('orders orphaned ≥ one person > two people > team', () => {
    const v = [
      fragilityOf(e('Debian QA Group <packages@qa.debian.org>')).value,
      fragilityOf(e('One <one@x.invalid>')).value,
      fragilityOf(e('One <one@x.invalid>', ['Two <two@x.invalid>'])).value,
      fragilityOf(e('Some Team <t@lists.x.invalid>', ['A <a@x.invalid>', 'B <b@x.invalid>'])).value,
    ];
    assert.deepEqual(
      [...v].sort((a, b) => b - a),
      v,
    );
    assert.ok(fragilityOf(e('One <one@x.invalid>', [], {})).reason.includes('no Vcs'));
  });
});

describe('vigil debian rank against the local archive', () => {
  let srv: ArchiveServer;
  before(async () => {
    srv = await startArchiveServer();
  });
  after(async () => {
    await srv.close();
  });
  test("ranks the trimmed bookworm suite: one-person zlib on sshd's path above the team-maintained glibc", async () => {
    const r = await rankDebianSuite({
      store: new MemoryStore(),
      mirror: srv.url,
      suite: 'bookworm',
      keyring: KEYRING,
      aptRoot: '/nonexistent',
    });
    const ranking = (r.facts.debian as { ranking: RankedSource[] }).ranking;
    const pos = (s: string) => ranking.findIndex((x) => x.source === s);
    assert.ok(pos('zlib') >= 0 && pos('zlib') < pos('glibc'), ranking.map((x) => x.source).join(','));
    const zlib = ranking[pos('zlib')]!;
    assert.deepEqual(zlib.services.network, ['sshd']);
    assert.ok(zlib.reasons.some((x) => x.startsWith('one person: Mark Brown')));
    assert.ok(r.unavailable.some((u) => u.field === 'upload-history'));
    assert.match(formatRanking(r), /zlib .*\n\s+.*on the library path of sshd \(network\)/);
  });
  test('no configured archive and no --mirror: a configuration error, not an empty ranking', async () => {
    await assert.rejects(rankDebianSuite({ store: new MemoryStore(), aptRoot: '/nonexistent' }), (e: unknown) =>
      isVigilError(e, 'E_CONFIG'),
    );
  });
  test('a suite the archive does not have: input not found, naming the suite', async () => {
    await assert.rejects(
      rankDebianSuite({ store: new MemoryStore(), mirror: srv.url, suite: 'nosuchsuite', keyring: KEYRING, aptRoot: '/nonexistent' }),
      (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND') && /suite "nosuchsuite" is not in the archive/.test(e.message),
    );
  });
  test('rankSuite on an empty graph returns nothing', () => {
    assert.deepEqual(rankSuite(buildSuiteGraph(''), new Map()), []);
  });
});
