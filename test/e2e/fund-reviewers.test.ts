/**
 * `vigil fund` through the real CLI, against a registry that strips maintainers (as mirrors do):
 * the people behind each package come from the next best source (package.json author/contributors,
 * repository owner), and the plan says which; with `--reviewer-share` part of the budget goes to the
 * people who recorded the audits covering the dependencies (this project's and an imported
 * organisation's), through the funding channels declared beside their audits.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { startRegistryServer, tarballPath, type RegistryServer } from '../helpers/registry-server.js';
import { makeTgz } from '../archive/helpers.js';
import type { FundingPlan } from '../../src/fund/plan-types.js';

let reg: RegistryServer;
let tmp: string;
let project: string;

const vigil = (args: string[]) =>
  runCli([...args, '--registry', reg.url, '--store', join(tmp, 'store.db'), '--no-progress'], { cwd: project, home: tmp });

async function publish(name: string, version: string, extra: Record<string, unknown>) {
  const manifest = { name, version, main: 'index.js', ...extra };
  const tgz = await makeTgz([
    { name: 'package/package.json', body: JSON.stringify(manifest) },
    { name: 'package/index.js', body: 'module.exports = 1;\n' },
  ]);
  reg.addTarball(name, version, tgz);
  const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  reg.addPackument(name, {
    name,
    'dist-tags': { latest: version },
    versions: { [version]: { ...manifest, dist: { tarball: `${reg.url.replace(/\/$/, '')}${tarballPath(name, version)}`, integrity } } },
  });
}

const LOCAL_AUDITS = `
[[audits."npm:left-pad"]]
who = "Ada Reviewer <ada@example.invalid>"
criteria = "safe-to-deploy"
version = "1.3.0"

[[audits."npm:tiny-a"]]
who = "Ada Reviewer <ada@example.invalid>"
criteria = "safe-to-deploy"
version = "2.0.0"

[[audits."npm:tiny-a"]]
who = "Bob Delta <bob@example.invalid>"
criteria = "safe-to-deploy"
delta = "2.0.0 -> 2.0.1"

[reviewers."Ada Reviewer <ada@example.invalid>"]
funding = "https://github.com/sponsors/ada-reviews"
`;
const ORG_B = `
[[audits."npm:tiny-b"]]
who = "Cy Importer <cy@example.invalid>"
criteria = "safe-to-run"
version = "1.0.0"

[reviewers."Cy Importer <cy@example.invalid>"]
funding = "https://liberapay.com/cy"
`;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-fund-reviewers-'));
  reg = await startRegistryServer();
  project = join(tmp, 'app');
  mkdirSync(join(project, 'supply-chain'), { recursive: true });
  await publish('left-pad', '1.3.0', { author: 'Pad Author <pad@example.invalid>', funding: 'https://opencollective.com/left-pad' });
  await publish('tiny-a', '2.0.1', {
    repository: { type: 'git', url: 'git+https://github.com/tiny-org/tiny-a.git' },
    funding: { type: 'github', url: 'https://github.com/sponsors/tiny-org' },
  });
  await publish('tiny-b', '1.0.0', { contributors: [{ name: 'Bea One' }, 'Bea Two <two@example.invalid>'] });
  const pkg = (name: string, version: string, dev = false) => ({
    version,
    resolved: `${reg.url}${name}/-/${name}-${version}.tgz`,
    ...(dev ? { dev: true } : {}),
  });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      packages: {
        '': {
          name: 'app',
          version: '1.0.0',
          dependencies: { 'left-pad': '^1.3.0', 'tiny-a': '^2.0.0' },
          devDependencies: { 'tiny-b': '^1.0.0' },
        },
        'node_modules/left-pad': pkg('left-pad', '1.3.0'),
        'node_modules/tiny-a': pkg('tiny-a', '2.0.1'),
        'node_modules/tiny-b': pkg('tiny-b', '1.0.0', true),
      },
    }),
  );
  writeFileSync(join(project, 'supply-chain', 'audits.toml'), LOCAL_AUDITS);
  const orgB = join(tmp, 'org-b-audits.toml');
  writeFileSync(orgB, ORG_B);
  const sha = createHash('sha256').update(ORG_B).digest('hex');
  writeFileSync(join(project, 'supply-chain', 'config.toml'), `[imports.org-b]\nurl = "${orgB}"\nsha256 = "${sha}"\n`);
  const fetched = await vigil(['audit', 'fetch']);
  assert.equal(fetched.code, 0, fetched.stderr);
});
after(async () => {
  await reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

const planOf = (stdout: string) => (JSON.parse(stdout) as { facts: { funding: FundingPlan } }).facts.funding;
const cents = (p: FundingPlan, role: string) => p.shares.filter((s) => s.role === role).reduce((a, s) => a + s.amountCents, 0);

describe('vigil fund (real CLI)', () => {
  test('maintainers not served: people come from package.json and the repository owner, and the plan says which', async () => {
    const r = await vigil(['fund', '--budget', '100']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^ {2}People behind the packages \(fragility, maintainer load\): package\.json author\/contributors for 2, repository owner for 1$/m,
    );
    const j = JSON.parse((await vigil(['fund', '--budget', '100', '--format', 'json'])).stdout);
    const scoring = j.facts.scoring as Record<string, { fragility: number; factors: { name: string; explanation: string }[] }>;
    const maint = (name: string) => scoring[`pkg:npm/${name}@${name === 'left-pad' ? '1.3.0' : name === 'tiny-a' ? '2.0.1' : '1.0.0'}`]!;
    assert.match(
      maint('left-pad').factors.find((f) => f.name === 'fragility.maintainers')!.explanation,
      /^one person \(package\.json author\/contributors\): pad author/,
    );
    assert.match(
      maint('tiny-b').factors.find((f) => f.name === 'fragility.maintainers')!.explanation,
      /^2 people \(package\.json author\/contributors\): bea one, bea two/,
    );
    assert.match(maint('tiny-a').factors.find((f) => f.name === 'fragility.maintainers')!.explanation, /^repository owner tiny-org/);
    assert.ok(maint('left-pad').fragility > maint('tiny-b').fragility, 'one named person is more fragile than two');
    assert.ok(!j.unavailable.some((u: { field: string }) => u.field === 'fragility.maintainers'));
  });

  test('a scan scores from its memoized registry slice and still names the package.json people', async () => {
    // Scoring in a scan reads the npm-metadata fact (a packument cut to the locked release), not the
    // whole packument: the cut must keep the author/contributors the fallback reads.
    for (const round of ['cold', 'warm']) {
      const r = await vigil(['scan', '--format', 'json']);
      assert.ok(r.code === 0 || r.code === 1, `${round}: ${r.stderr}`);
      const scores = (JSON.parse(r.stdout) as { facts: { scoring: Record<string, { factors: { name: string; explanation: string }[] }> } })
        .facts.scoring;
      const why = (purl: string) => scores[purl]!.factors.find((f) => f.name === 'fragility.maintainers')!.explanation;
      assert.match(why('pkg:npm/left-pad@1.3.0'), /^one person \(package\.json author\/contributors\): pad author/, round);
      assert.match(why('pkg:npm/tiny-b@1.0.0'), /^2 people \(package\.json author\/contributors\): bea one, bea two/, round);
      assert.match(why('pkg:npm/tiny-a@2.0.1'), /^repository owner tiny-org/, round);
    }
  });

  test('--reviewer-share 0.2: 20% to the reviewers who declare a channel (own and imported), by what they reviewed; the rest to maintainers', async () => {
    const csv = join(tmp, 'plan.csv');
    const r = await vigil(['fund', '--budget', '100', '--reviewer-share', '0.2', '--format', 'json', '--csv', csv]);
    assert.equal(r.code, 0, r.stderr);
    const plan = planOf(r.stdout);
    assert.equal(cents(plan, 'reviewer'), 2000);
    assert.equal(cents(plan, 'maintainer') + plan.unallocatedCents, 8000);
    const rev = plan.shares
      .filter((s) => s.role === 'reviewer')
      .map((s) => s.recipient)
      .sort();
    assert.deepEqual(rev, ['github:ada-reviews', 'liberapay:cy']);
    const ada = plan.shares.find((s) => s.recipient === 'github:ada-reviews')!;
    assert.match(ada.components, /npm:left-pad@1\.3\.0/);
    assert.match(ada.components, /npm:tiny-a@2\.0\.0/);
    // Ada carries a full audit of left-pad and half of tiny-a's chain; Cy one dev-only package: Ada gets more.
    assert.ok(ada.amountCents > plan.shares.find((s) => s.recipient === 'liberapay:cy')!.amountCents);
    assert.deepEqual(plan.reviewers?.unfunded, [
      { who: 'Bob Delta <bob@example.invalid>', reviews: 1, reason: 'no funding channel declared' },
    ]);
    assert.equal(plan.reviewers?.credited, 3);
    assert.match(readFileSync(csv, 'utf8'), /https:\/\/liberapay\.com\/cy,liberapay:cy,/);

    const text = await vigil(['fund', '--budget', '100', '--reviewer-share', '0.2']);
    assert.match(
      text.stdout,
      /^ {2}Reviewers: 20\.00 USD \(20% of the budget\) to 2 reviewer\(s\) of the audits covering your dependencies$/m,
    );
    assert.match(text.stdout, /^ {4}not paid: Bob Delta <bob@example\.invalid> \(1 audit\(s\)\): no funding channel declared$/m);
  });

  test('wrong use is exit 2: a share out of range; no supply-chain folder', async () => {
    const bad = await vigil(['fund', '--budget', '100', '--reviewer-share', '1']);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--reviewer-share must be a fraction from 0 to below 1 \(got 1\)/);
    const bare = join(tmp, 'bare');
    mkdirSync(bare);
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'bare', version: '1.0.0', dependencies: {} }));
    const none = await vigil(['fund', bare, '--budget', '100', '--reviewer-share', '0.1']);
    assert.equal(none.code, 2, none.stderr);
    assert.match(none.stderr, /--reviewer-share needs recorded audits: .*bare\/supply-chain does not exist/);
  });

  test('recording a new audit keeps the [reviewers] funding table', async () => {
    const r = await runCli(
      [
        'audit',
        'record',
        'npm:tiny-b@1.0.0',
        '--criteria',
        'safe-to-run',
        '--who',
        'Ada Reviewer <ada@example.invalid>',
        '--registry',
        reg.url,
        '--store',
        join(tmp, 'store.db'),
      ],
      { cwd: project, home: tmp },
    );
    assert.equal(r.code, 0, r.stderr);
    const toml = readFileSync(join(project, 'supply-chain', 'audits.toml'), 'utf8');
    assert.match(toml, /\[reviewers\."Ada Reviewer <ada@example\.invalid>"\]\nfunding = "https:\/\/github\.com\/sponsors\/ada-reviews"/);
  });
});
