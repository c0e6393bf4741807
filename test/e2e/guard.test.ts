/**
 * `vigil guard -- npm …` end to end through the real CLI and the real npm, against a registry on
 * 127.0.0.1 whose packages are built here. npm reads the registry from the project's .npmrc, its
 * cache is an empty temporary folder and its user config a file that does not exist, so nothing
 * touches the network or the user's cache.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tarballPath } from '../helpers/registry-server.js';
import { BIN, EXFIL, OTHER_OS, ROOT, startGuardWorld, treeHash, type GuardWorld } from '../helpers/guard-world.js';
import { publish } from '../helpers/publish.js';

let w: GuardWorld;
let tmp: string;
let template: string;

const vigil = (cwd: string, args: string[]) => w.guard(cwd, args);
const sh = (cmd: string, args: string[], cwd: string) => w.sh(cmd, args, cwd);
/** package.json, the lockfile and every file under node_modules. */
const projectHash = (dir: string) => treeHash(dir, ['package.json', 'package-lock.json', 'node_modules']);

function project(name: string): string {
  const dir = join(tmp, name);
  cpSync(template, dir, { recursive: true });
  return dir;
}

before(async () => {
  w = await startGuardWorld();
  tmp = w.tmp;
  template = join(tmp, 'template');
  mkdirSync(template);
  writeFileSync(
    join(template, 'package.json'),
    JSON.stringify(
      {
        name: 'app',
        version: '1.0.0',
        private: true,
        dependencies: { 'base-pkg': '^1.0.0' },
        scripts: { fails: 'node -e "process.exit(7)"' },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(template, '.npmrc'), `registry=${w.reg.url}\n`);
  const r = await sh('npm', ['install'], template);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(template, 'node_modules', 'base-pkg', 'package.json')));
});

after(async () => {
  await w.reg.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('vigil guard -- npm (real CLI, real npm, local registry)', () => {
  test('npm install of a package with install-time exfiltration: exit 1, the finding, project byte-identical, no script ran', async () => {
    const dir = project('evil');
    const hash = projectHash(dir);
    const r = await vigil(dir, ['--', 'npm', 'install', 'evil-pkg']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /evil-pkg\s+1\.0\.0 \(new\)\s+BLOCK\s+critical content\/secret-exfiltration/);
    assert.match(r.stderr, /preinstall\.js/);
    assert.match(r.stderr, /Blocked:/);
    assert.match(r.stderr, /plan: vigil resolved what npm can add/);
    assert.equal(projectHash(dir), hash);
    assert.equal(existsSync(join(dir, 'node_modules', 'evil-pkg')), false);
    assert.equal(existsSync(w.marker), false);
  });

  test('the same install asked again is answered from guard-verdicts/ next to the store, and still blocks; a damaged entry is analysed again', async () => {
    const first = await vigil(project('evil-again-1'), ['--', 'npm', 'install', 'evil-pkg']);
    assert.equal(first.code, 1, first.stderr);
    const dir = join(tmp, 'guard-verdicts');
    const entry = readdirSync(dir)
      .map((n) => join(dir, n))
      .find((f) => readFileSync(f, 'utf8').includes('pkg:npm/evil-pkg@1.0.0'));
    assert.ok(entry, 'the analysis of the change set was kept');
    // Served from the file: an edit to the kept finding shows in the next run's report.
    const kept = readFileSync(entry, 'utf8');
    writeFileSync(entry, kept.replaceAll('content/secret-exfiltration', 'content/secret-exfiltration-kept'));
    const again = project('evil-again-2');
    const hash = projectHash(again);
    const second = await vigil(again, ['--', 'npm', 'install', 'evil-pkg']);
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stderr, /BLOCK\s+critical content\/secret-exfiltration-kept/);
    assert.equal(projectHash(again), hash);
    writeFileSync(entry, kept.slice(0, kept.length >> 1));
    const third = await vigil(project('evil-again-3'), ['--', 'npm', 'install', 'evil-pkg']);
    assert.equal(third.code, 1, third.stderr);
    assert.match(third.stderr, /BLOCK\s+critical content\/secret-exfiltration\s/);
    assert.equal(existsSync(w.marker), false);
  });

  test('guard runs from the bundled CLI (dist/bundle/): a first analysis of the hostile package runs the analyzers and blocks', async () => {
    const log = join(tmp, 'modules.log');
    const hook = join(ROOT, 'test', 'helpers', 'module-log.mjs');
    w.env.VIGIL_TEST_MODULE_LOG = log;
    try {
      const dir = project('bundled');
      const hash = projectHash(dir);
      const r = await sh(
        process.execPath,
        ['--import', hook, BIN, 'guard', '--store', join(tmp, 'bundled.db'), '--', 'npm', 'install', 'evil-pkg'],
        dir,
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /evil-pkg\s+1\.0\.0 \(new\)\s+BLOCK\s+critical content\/secret-exfiltration/);
      assert.equal(projectHash(dir), hash);
    } finally {
      delete w.env.VIGIL_TEST_MODULE_LOG;
    }
    const loaded = readFileSync(log, 'utf8').split('\n');
    const mine = (p: string) => loaded.includes(pathToFileURL(join(ROOT, p)).href);
    assert.ok(mine('dist/bundle/main.js'), 'the bundle ran');
    assert.ok(!mine('dist/cli/main.js') && !mine('dist/app/guard/guard.js'), 'not the separate modules');
  });

  test('npm install of a clean package: installs it with its dependencies and exits 0', async () => {
    const dir = project('good');
    const r = await vigil(dir, ['--', 'npm', 'install', 'good-pkg']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /2 new or changed packages \(1 already in the project, not analysed again\)/);
    assert.match(r.stderr, /good-pkg\s+1\.2\.0 \(new\)\s+ok/);
    assert.equal(JSON.parse(readFileSync(join(dir, 'node_modules', 'good-pkg', 'package.json'), 'utf8')).version, '1.2.0');
    assert.ok(existsSync(join(dir, 'node_modules', 'dep-b')));
    assert.equal(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies['good-pkg'], '^1.2.0');
    assert.ok(JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages['node_modules/good-pkg']);
  });

  test('npx of the hostile package is blocked before npx fetches or runs anything', async () => {
    const dir = project('npx');
    const hash = projectHash(dir);
    const r = await vigil(dir, ['--', 'npx', '--yes', 'evil-pkg']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /content\/secret-exfiltration/);
    assert.doesNotMatch(r.stdout, /hi/);
    assert.equal(projectHash(dir), hash);
    assert.equal(existsSync(w.marker), false);
  });

  test('npm ci checks every package of the lockfile: one that gained the hostile package is blocked; node_modules untouched', async () => {
    const dir = project('ci');
    const lock = await sh('npm', ['install', 'evil-pkg', '--package-lock-only', '--ignore-scripts'], dir);
    assert.equal(lock.code, 0, lock.stderr);
    const hash = projectHash(dir);
    const r = await vigil(dir, ['--', 'npm', 'ci']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /npm ci installs every package of the lockfile: all are checked/);
    assert.match(r.stderr, /2 new or changed packages/);
    assert.match(r.stderr, /base-pkg\s+1\.0\.0 \(new\)\s+ok/);
    assert.match(r.stderr, /evil-pkg\s+1\.0\.0 \(new\)\s+BLOCK/);
    assert.equal(projectHash(dir), hash);
    assert.equal(existsSync(w.marker), false);
  });

  test('--format json: the decision as one JSON document on stderr (or in --output FILE); the command still runs or stops the same', async () => {
    const dir = project('json-evil');
    const hash = projectHash(dir);
    const r = await vigil(dir, ['--format', 'json', '--', 'npm', 'install', 'evil-pkg']);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stderr) as Record<string, any>;
    assert.equal(doc.command, 'guard');
    assert.equal(doc.action, 'block');
    assert.deepEqual(doc.invocation, { tool: 'npm', args: ['install', 'evil-pkg'], kind: 'project' });
    const evil = (doc.packages as any[]).find((p) => p.name === 'evil-pkg');
    assert.equal(evil.verdict, 'block');
    assert.equal(evil.change, 'new');
    assert.ok(evil.findings.some((f: any) => f.rule === 'content/secret-exfiltration' && f.severity === 'critical'));
    assert.ok(doc.summary.verdicts.block >= 1 && doc.summary.findings.critical >= 1);
    assert.match(doc.reasons.join('\n'), /evil-pkg/);
    assert.equal(projectHash(dir), hash);

    const good = project('json-good');
    const out = join(good, 'guard.json');
    const g = await vigil(good, ['--format', 'json', '-o', out, '--', 'npm', 'install', 'good-pkg']);
    assert.equal(g.code, 0, g.stderr);
    const gd = JSON.parse(readFileSync(out, 'utf8')) as Record<string, any>;
    assert.equal(gd.action, 'run');
    assert.deepEqual((gd.packages as any[]).map((p) => `${p.name}@${p.version} ${p.verdict}`).sort(), [
      'dep-b@2.0.1 ok',
      'good-pkg@1.2.0 ok',
    ]);
    assert.ok(existsSync(join(good, 'node_modules', 'good-pkg')));
    const bad = await vigil(good, ['--format', 'sarif', '--', 'npm', 'install', 'good-pkg']);
    assert.equal(bad.code, 2, bad.stderr);
  });

  test('npm install NAME over a matching lockfile: vigil resolves the plan without npm, and everything npm then installs was analysed', async () => {
    const dir = project('resolved');
    const before = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const r = await vigil(dir, ['--format', 'json', '--', 'npm', 'install', 'nested-pkg']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stderr.slice(0, r.stderr.lastIndexOf('}') + 1)) as Record<string, any>;
    assert.match(doc.plan.method, /^vigil resolved what npm can add/);
    const analysed = new Set((doc.packages as any[]).map((p) => `${p.name}@${p.version}`));
    assert.deepEqual([...analysed].sort(), ['base-pkg@2.0.0', 'dep-b@1.5.0', 'nested-pkg@1.0.0']);
    const after = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const had = new Set(Object.entries(before.packages).map(([k, e]) => `${k.split('node_modules/').pop()}@${e.version}`));
    const installed = Object.entries(after.packages)
      .filter(([k]) => k !== '')
      .map(([k, e]) => `${k.split('node_modules/').pop()}@${e.version}`)
      .filter((p) => !had.has(p));
    assert.ok(installed.length === 3, installed.join(' '));
    for (const p of installed) assert.ok(analysed.has(p), `${p} was installed without being analysed`);
    assert.equal(after.packages['node_modules/nested-pkg/node_modules/base-pkg']?.version, '2.0.0');
  });

  test("npm's cached copy of a packument is resolved too: a pulled hostile version npm would still install from its cache is blocked", async () => {
    await publish(w.reg, { name: 'pulled-pkg', version: '1.0.0' });
    await publish(w.reg, {
      name: 'pulled-pkg',
      version: '1.1.0',
      scripts: { preinstall: 'node preinstall.js' },
      files: { 'preinstall.js': EXFIL },
    });
    // The project's own npm cache (its .npmrc says where): npm caches the packument while 1.1.0 is latest.
    const dir = project('pulled');
    const cache = join(tmp, 'pulled-cache');
    writeFileSync(join(dir, '.npmrc'), `registry=${w.reg.url}\ncache=${cache}\n`);
    const warm = project('pulled-warm');
    cpSync(join(dir, '.npmrc'), join(warm, '.npmrc'));
    assert.equal((await sh('npm', ['install', 'pulled-pkg', '--package-lock-only', '--ignore-scripts'], warm)).code, 0);
    // Then the registry pulls 1.1.0 (latest back to 1.0.0); npm's copy is still fresh by HTTP rules.
    const res = await fetch(`${w.reg.url}pulled-pkg`);
    const doc = JSON.parse((await res.text()).replaceAll(w.reg.url, '{{registry}}')) as {
      'dist-tags': Record<string, string>;
      versions: Record<string, unknown>;
    };
    delete doc.versions['1.1.0'];
    doc['dist-tags'].latest = '1.0.0';
    w.reg.addPackument('pulled-pkg', doc);
    // npm on its own would install the pulled version from its cache (scripts off here).
    const plain = project('pulled-plain');
    cpSync(join(dir, '.npmrc'), join(plain, '.npmrc'));
    assert.equal((await sh('npm', ['install', 'pulled-pkg', '--ignore-scripts'], plain)).code, 0);
    assert.equal(JSON.parse(readFileSync(join(plain, 'node_modules', 'pulled-pkg', 'package.json'), 'utf8')).version, '1.1.0');

    const hash = projectHash(dir);
    const r = await vigil(dir, ['--format', 'json', '--', 'npm', 'install', 'pulled-pkg']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stderr.slice(0, r.stderr.lastIndexOf('}') + 1)) as Record<string, any>;
    assert.match(out.plan.method, /^vigil resolved what npm can add .*npm's cached copies/);
    assert.deepEqual((out.packages as any[]).map((p) => `${p.name}@${p.version}`).sort(), ['pulled-pkg@1.0.0', 'pulled-pkg@1.1.0']);
    const verdicts = Object.fromEntries((out.packages as any[]).map((p) => [p.version, p.verdict]));
    assert.deepEqual(verdicts, { '1.0.0': 'ok', '1.1.0': 'block' });
    assert.equal(projectHash(dir), hash);
    assert.equal(existsSync(w.marker), false);
  });

  test('npm install with a flag outside what vigil resolves: npm plans it in a temporary copy, as before', async () => {
    const dir = project('fallback');
    const hash = projectHash(dir);
    const r = await vigil(dir, ['--format', 'json', '--', 'npm', 'install', 'evil-pkg', '--prefer-dedupe']);
    assert.equal(r.code, 1, r.stderr);
    const doc = JSON.parse(r.stderr) as Record<string, any>;
    assert.match(
      doc.plan.method,
      /^npm install evil-pkg --prefer-dedupe --package-lock-only .* not resolved by vigil: flag --prefer-dedupe/,
    );
    assert.equal((doc.packages as any[]).find((p) => p.name === 'evil-pkg').verdict, 'block');
    assert.equal(projectHash(dir), hash);

    // A setting in .npmrc that changes resolution: the same.
    const rc = project('fallback-npmrc');
    writeFileSync(join(rc, '.npmrc'), `registry=${w.reg.url}\nprefer-dedupe=true\n`);
    const s = await vigil(rc, ['--format', 'json', '--', 'npm', 'install', 'evil-pkg']);
    assert.equal(s.code, 1, s.stderr);
    assert.match(
      (JSON.parse(s.stderr) as Record<string, any>).plan.method,
      /not resolved by vigil: npm setting prefer-dedupe \(.*\.npmrc\)/,
    );
  });

  test('bare npm install over a lockfile that matches package.json: plans without npm, checks what node_modules lacks (a fresh clone with a hostile lock entry is blocked)', async () => {
    const dir = project('bare');
    const lock = await sh('npm', ['install', 'evil-pkg', '--package-lock-only', '--ignore-scripts'], dir);
    assert.equal(lock.code, 0, lock.stderr);
    const hash = projectHash(dir);
    const r = await vigil(dir, ['--', 'npm', 'install']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /the lockfile matches package\.json, so npm installs it as it is/);
    assert.match(r.stderr, /evil-pkg\s+1\.0\.0 \(new\)\s+BLOCK/);
    assert.doesNotMatch(r.stderr, /base-pkg/, 'base-pkg is installed already: not new');
    assert.equal(projectHash(dir), hash);
    assert.equal(existsSync(w.marker), false);

    // Installed and in sync: nothing new, npm runs, nothing printed.
    const warm = project('bare-warm');
    const ok = await vigil(warm, ['--', 'npm', 'install', '--no-audit']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.doesNotMatch(ok.stderr, /vigil guard ·/);
  });

  test('an optional dependency for another operating system is not installed, so neither bare npm install nor npm ci stops on it', async () => {
    const dir = project('other-os');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    manifest.optionalDependencies = { 'other-os-pkg': '^1.0.0' };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    const installed = await sh('npm', ['install'], dir);
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(readFileSync(join(dir, 'package-lock.json'), 'utf8'), /node_modules\/other-os-pkg/);
    assert.equal(existsSync(join(dir, 'node_modules', 'other-os-pkg')), false, 'npm leaves it out on this machine');

    // Bare install over the matching lockfile: node_modules lacks only the other-OS package: nothing new, npm runs silently.
    const bare = await vigil(dir, ['--', 'npm', 'install']);
    assert.equal(bare.code, 0, bare.stderr);
    assert.doesNotMatch(bare.stderr, /other-os-pkg|vigil guard ·/);
    const settledOut = join(tmp, 'other-os-bare.json');
    const settled = await vigil(dir, ['--format', 'json', '-o', settledOut, '--', 'npm', 'install']);
    assert.equal(settled.code, 0, settled.stderr);
    const summary = (JSON.parse(readFileSync(settledOut, 'utf8')) as Record<string, any>).summary;
    assert.deepEqual([summary.changed, summary.unchanged, summary.otherPlatforms], [0, 1, 1]);

    // With npm set to install for that other operating system (.npmrc os=…), it is not left out: it is checked.
    const forOtherOs = project('other-os-npmrc');
    cpSync(join(dir, 'package.json'), join(forOtherOs, 'package.json'));
    cpSync(join(dir, 'package-lock.json'), join(forOtherOs, 'package-lock.json'));
    writeFileSync(join(forOtherOs, '.npmrc'), `registry=${w.reg.url}\nos=${OTHER_OS}\n`);
    const checked = await vigil(forOtherOs, ['--format', 'json', '-o', settledOut, '--', 'npm', 'install']);
    assert.equal(checked.code, 0, checked.stderr);
    const doc0 = JSON.parse(readFileSync(settledOut, 'utf8')) as Record<string, any>;
    assert.deepEqual(
      doc0.packages.map((p: { name: string }) => p.name),
      ['other-os-pkg'],
    );

    // npm ci checks the whole lockfile but not what it would leave out here.
    const out = join(tmp, 'other-os-ci.json');
    const ci = await vigil(dir, ['--format', 'json', '-o', out, '--', 'npm', 'ci']);
    assert.equal(ci.code, 0, ci.stderr);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, any>;
    assert.equal(doc.action, 'run');
    assert.equal(doc.summary.otherPlatforms, 1);
    assert.deepEqual(
      doc.packages.map((p: { name: string }) => p.name),
      ['base-pkg'],
    );

    // Installing for that other operating system (npm's --os) installs it, so it is checked.
    const forOther = await vigil(dir, ['--format', 'json', '-o', out, '--', 'npm', 'ci', `--os=${OTHER_OS}`]);
    assert.equal(forOther.code, 0, forOther.stderr + readFileSync(out, 'utf8'));
    const other = JSON.parse(readFileSync(out, 'utf8')) as Record<string, any>;
    assert.equal(other.summary.otherPlatforms, 0);
    assert.deepEqual((other.packages as { name: string }[]).map((p) => p.name).sort(), ['base-pkg', 'other-os-pkg']);
    assert.ok(existsSync(join(dir, 'node_modules', 'other-os-pkg', 'package.json')), 'npm --os installed it');
  });

  test('the wrapped command runs unchanged and its exit code passes through', async () => {
    const dir = project('passthrough');
    const r = await vigil(dir, ['--', 'npm', 'run', 'fails']);
    assert.equal(r.code, 7, r.stderr);
    assert.doesNotMatch(r.stderr, /vigil guard ·/);
  });

  test('an install script warns (the command still runs off a terminal); block-at medium in vigil.config.json blocks it; allow-scripts accepts it', async () => {
    const warn = project('warn');
    const w = await vigil(warn, ['--', 'npm', 'install', 'scripted-pkg']);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /scripted-pkg\s+3\.0\.0 \(new\)\s+WARN\s+medium npm\/install-script/);
    assert.match(w.stderr, /not a terminal, so not asking/);
    assert.match(w.stderr, /node setup\.js # \\x1b\[2J/);
    assert.doesNotMatch(w.stderr, /\u001b/);
    assert.ok(existsSync(join(warn, 'node_modules', 'scripted-pkg')));

    const strict = project('strict');
    writeFileSync(join(strict, 'vigil.config.json'), JSON.stringify({ guard: { 'block-at': 'medium' } }));
    const hash = projectHash(strict);
    const s = await vigil(strict, ['--', 'npm', 'install', 'scripted-pkg']);
    assert.equal(s.code, 1, s.stderr);
    assert.match(s.stderr, /BLOCK\s+medium npm\/install-script/);
    assert.equal(projectHash(strict), hash);

    const reviewed = project('reviewed');
    writeFileSync(
      join(reviewed, 'vigil.config.json'),
      JSON.stringify({ guard: { 'block-at': 'medium', 'allow-scripts': ['scripted-pkg@3.0.0'] } }),
    );
    const a = await vigil(reviewed, ['--', 'npm', 'install', 'scripted-pkg']);
    assert.equal(a.code, 0, a.stderr);
    assert.match(a.stderr, /scripted-pkg\s+3\.0\.0 \(new\)\s+ok/);
    assert.ok(existsSync(join(reviewed, 'node_modules', 'scripted-pkg')));
  });

  test('a package that cannot be analysed fails closed by default, and only warns with --no-fail-closed', async () => {
    const closed = project('closed');
    const hash = projectHash(closed);
    w.reg.misbehave(tarballPath('flaky-pkg', '1.0.0'), { kind: 'status', status: 404, times: 1 });
    const c = await vigil(closed, ['--', 'npm', 'install', 'flaky-pkg']);
    assert.equal(c.code, 1, c.stderr);
    assert.match(c.stderr, /flaky-pkg\s+1\.0\.0 \(new\)\s+NOT ANALYSED/);
    assert.match(c.stderr, /flaky-pkg@1\.0\.0 could not be analysed, failing closed: .*404/);
    assert.equal(projectHash(closed), hash);

    const open = project('open');
    w.reg.misbehave(tarballPath('flaky-pkg', '1.0.0'), { kind: 'status', status: 404, times: 1 });
    const o = await vigil(open, ['--no-fail-closed', '--store', join(tmp, 'open.db'), '--', 'npm', 'install', 'flaky-pkg']);
    assert.equal(o.code, 0, o.stderr);
    assert.match(o.stderr, /NOT ANALYSED/);
    assert.ok(existsSync(join(open, 'node_modules', 'flaky-pkg')));
  });

  test("a plan npm cannot compute (unknown package) blocks with npm's reason, project untouched", async () => {
    const dir = project('unknown');
    const hash = projectHash(dir);
    const r = await vigil(dir, ['--', 'npm', 'install', 'no-such-package-here']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /could not be computed, failing closed: npm could not plan the install/);
    assert.match(r.stderr, /Planning failed:[\s\S]*E404[\s\S]*no-such-package-here/);
    assert.equal(projectHash(dir), hash);
  });

  test('--install-shell-hook prints functions a shell loads, and how to undo them', async () => {
    const r = await sh(process.execPath, [BIN, 'guard', '--install-shell-hook', 'bash'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /unset -f npm npx pnpm yarn bun/);
    writeFileSync(join(tmp, 'hook.bash'), r.stdout);
    const loaded = await sh('bash', ['-c', `source "${join(tmp, 'hook.bash')}"; type -t npm; type -t npx; type -t pnpm`], tmp);
    assert.equal(loaded.stdout.trim().split('\n').join(' '), 'function function function');
    const fish = await sh(process.execPath, [BIN, 'guard', '--install-shell-hook', 'fish'], tmp);
    assert.match(fish.stdout, /functions --erase npm npx pnpm yarn bun/);
    assert.match(fish.stdout, /function npm --wraps npm[^\n]*\n\s+command vigil guard -- npm \$argv\nend/);
    const bad = await sh(process.execPath, [BIN, 'guard', '--install-shell-hook', 'tcsh'], tmp);
    assert.equal(bad.code, 2);
  });
});
