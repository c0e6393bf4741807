/**
 * Popular prebuilt-binary families through `vigil diff` on recorded packuments: sharp 0.34.4 → 0.34.5
 * (an install-script fallback to its own build, two new platforms in its own `@img` scope), esbuild
 * (`@esbuild/*`), @swc/core (`@swc/core-*`) and rollup (`@rollup/rollup-*`) releases that added
 * platforms, and the platform packages themselves (a new or renamed binary in every release).
 *
 * The packuments in test/fixtures/release-diff/prebuilt-binary-families/ are the registry's own
 * manifests for the compared releases, trimmed to them (the registry this was recorded from strips
 * `_npmUser`, `maintainers` and rewrites `time`, so those are absent). Tarballs are built here: the
 * recorded package.json plus inert stand-ins for the code, and binary stubs (ELF, PE) at the paths
 * the real releases use. Hostile variants of the same shape (a fallback that is not the package's
 * own build, a dependency outside its scope, a binary in a package that is not a platform package)
 * still count, so the tests would fail if the exemptions were blanket.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ssri from 'ssri';
import { makeTgz } from '../archive/helpers.js';
import { startRegistryServer } from '../helpers/registry-server.js';
import { localNpm } from '../helpers/local-npm.js';
import { diffNpm } from '../../src/app/diff-npm.js';
import { severityRank } from '../../src/core/result-builder.js';
import { npmPurl } from '../../src/core/purl.js';
import { WEIGHTS } from '../../src/analyzers/release-diff/weights.js';
import type { ReleaseDelta } from '../../src/analyzers/release-diff/types.js';
import { SCENARIOS } from './helpers.js';

type Doc = { name: string; versions: Record<string, Record<string, unknown>> };
type Files = Record<string, string | Buffer>;

const DIR = join(SCENARIOS, 'prebuilt-binary-families', 'packuments');
const recorded = (): Doc[] => readdirSync(DIR).map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Doc);

const elf = (seed: number) => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(2048, seed)]);
/** DOS header whose e_lfanew (offset 60) points at the `PE\0\0` signature right after it. */
const pe = (seed: number) =>
  Buffer.concat([
    Buffer.from('MZ'),
    Buffer.alloc(58, 0),
    Buffer.from([0x40, 0, 0, 0]),
    Buffer.from('PE\0\0', 'latin1'),
    Buffer.alloc(2048, seed),
  ]);
const js = (what: string) => `'use strict';\n// ${what}\nmodule.exports = {};\n`;

/** Files of each release, at the paths the real ones use; the two releases' binaries differ. */
const FILES: Record<string, (v: string, seed: number) => Files> = {
  sharp: (v) => ({
    'install/check.js': "const { useGlobalLibvips } = require('../lib/libvips');\nif (useGlobalLibvips()) process.exit(1);\n",
    ...(v === '0.34.5'
      ? { 'install/build.js': "const { spawnRebuild } = require('../lib/libvips');\nprocess.exit(spawnRebuild());\n" }
      : {}),
    'lib/libvips.js': js('libvips detection'),
    'lib/index.js': js(`sharp ${v}`),
  }),
  '@img/sharp-libvips-linux-x64': (v, s) => ({
    [`lib/libvips-cpp.so.8.17.${v === '1.2.3' ? 2 : 3}`]: elf(s),
    'lib/index.js': js('libvips paths'),
    'versions.json': `{"vips":"8.17.${v === '1.2.3' ? 2 : 3}"}\n`,
  }),
  '@img/sharp-win32-x64': (v, s) => ({
    [`lib/libvips-cpp-8.17.${v === '0.34.4' ? 2 : 3}.dll`]: pe(s),
    'lib/sharp-win32-x64.node': pe(s + 10),
    'versions.json': '{}\n',
  }),
  esbuild: (v) => ({ 'install.js': js('select the platform binary'), 'lib/main.js': js(`esbuild ${v}`), 'bin/esbuild': js('esbuild cli') }),
  '@esbuild/linux-x64': (_v, s) => ({ 'bin/esbuild': elf(s) }),
  '@swc/core': (v) => ({ 'postinstall.js': js('check the platform binding'), 'index.js': js(`swc ${v}`), 'binding.js': js('binding') }),
  '@swc/core-linux-x64-gnu': (_v, s) => ({ 'swc.linux-x64-gnu.node': elf(s), swc: elf(s + 10) }),
  rollup: (v) => ({ 'dist/rollup.js': js(`rollup ${v}`), 'dist/native.js': js('native loader'), 'dist/bin/rollup': js('rollup cli') }),
  '@rollup/rollup-linux-x64-gnu': (_v, s) => ({ 'rollup.linux-x64-gnu.node': elf(s) }),
};

/** Serve the recorded packuments (after `mutate`) with tarballs built from FILES (after `files`). */
async function serveFamilies(
  mutate: (doc: Doc) => void = () => {},
  files: (name: string, v: string, f: Files) => Files = (_n, _v, f) => f,
  extra: Doc[] = [],
): Promise<{
  diff: (name: string) => Promise<ReleaseDelta>;
  run: (name: string) => Promise<{ delta: ReleaseDelta; high: string[] }>;
  close: () => Promise<void>;
}> {
  const reg = await startRegistryServer();
  const docs = [...recorded(), ...extra];
  for (const doc of docs) {
    mutate(doc);
    let seed = 1;
    // Platforms a release added are only looked up (as new dependencies): no tarballs.
    for (const [v, m] of FILES[doc.name] ? Object.entries(doc.versions) : []) {
      const { dist, ...manifest } = m as { dist: Record<string, unknown> };
      const entries = Object.entries({
        'package.json': JSON.stringify(manifest, null, 2),
        ...files(doc.name, v, FILES[doc.name]!(v, seed++)),
      });
      const bytes = await makeTgz(
        entries.sort().map(([p, c]) => ({ name: `package/${p}`, body: Buffer.isBuffer(c) ? c : Buffer.from(c) })),
      );
      m.dist = { ...dist, integrity: ssri.fromData(bytes, { algorithms: ['sha512'] }).toString() };
      reg.addTarball(doc.name, v, bytes);
    }
    reg.addPackument(doc.name, JSON.stringify(doc).replaceAll('{{registry}}', reg.url));
  }
  const { client, npm } = localNpm(reg.url);
  const run = async (name: string) => {
    const [from, to] = Object.keys(docs.find((d) => d.name === name)!.versions);
    const r = await diffNpm([`npm:${name}`, from!, to!], { npm });
    assert.deepEqual(
      r.problems.map((p) => p.message),
      [],
      name,
    );
    const high = r.findings.filter((f) => severityRank(f.severity) >= severityRank('high')).map((f) => `${f.rule} ${f.subject}`);
    return { delta: r.facts['release-diff']?.[npmPurl(name, to!)] as ReleaseDelta, high };
  };
  return {
    /** The release delta; asserts that nothing is high. */
    diff: async (name) => {
      const { delta, high } = await run(name);
      assert.deepEqual(high, [], `${name}: no high`);
      return delta;
    },
    run,
    close: async () => {
      await client.close();
      await reg.close();
    },
  };
}

const weightOf = (d: ReleaseDelta, rule: string, about = '') =>
  d.signals.filter((s) => s.rule === rule && s.title.includes(about)).map((s) => s.weight);

describe('prebuilt-binary families on recorded packuments', () => {
  test('sharp 0.34.4 → 0.34.5: the fallback to its own build and two new @img platforms stay below low', async () => {
    const rig = await serveFamilies();
    try {
      const d = await rig.diff('sharp');
      assert.ok(severityRank(d.severity) < severityRank('low'), `${d.score} ${d.severity}`);
      assert.deepEqual(weightOf(d, 'release-diff/install-script-changed'), [WEIGHTS.installScriptFallback]);
      assert.deepEqual(weightOf(d, 'release-diff/new-dependency').sort(), [0, 0], 'both new platforms are in the @img scope');
      assert.ok(weightOf(d, 'release-diff/new-dependency', '@img/sharp-linux-riscv64').length === 1);
    } finally {
      await rig.close();
    }
  });

  test('esbuild, @swc/core and rollup releases that added platforms: new platform packages in their own scope weigh nothing', async () => {
    const rig = await serveFamilies();
    try {
      for (const [name, added] of [
        ['esbuild', ['@esbuild/openharmony-arm64']],
        ['@swc/core', ['@swc/core-linux-ppc64-gnu', '@swc/core-linux-s390x-gnu']],
        ['rollup', ['@rollup/rollup-linux-loong64-musl', '@rollup/rollup-linux-ppc64-musl', '@rollup/rollup-openbsd-x64']],
      ] as const) {
        const d = await rig.diff(name);
        assert.deepEqual(Object.keys(d.dependencies?.added ?? {}).sort(), [...added].sort(), name);
        for (const a of added) assert.deepEqual(weightOf(d, 'release-diff/new-dependency', a), [0], `${name}: ${a}`);
        assert.ok(severityRank(d.severity) < severityRank('low'), `${name}: ${d.score} ${d.severity}`);
      }
    } finally {
      await rig.close();
    }
  });

  test('platform packages: a new (renamed or rebuilt) binary is what they ship — info at most, never a top risk', async () => {
    const rig = await serveFamilies();
    try {
      for (const name of [
        '@img/sharp-libvips-linux-x64',
        '@img/sharp-win32-x64',
        '@esbuild/linux-x64',
        '@swc/core-linux-x64-gnu',
        '@rollup/rollup-linux-x64-gnu',
      ]) {
        const d = await rig.diff(name);
        assert.equal(d.severity, 'info', `${name}: ${d.score}`);
        for (const w of weightOf(d, 'release-diff/new-binary')) assert.equal(w, WEIGHTS.newBinaryExpected, name);
      }
      // The renamed libraries are seen as new binaries, weighed as expected ones.
      assert.equal(weightOf(await rig.diff('@img/sharp-libvips-linux-x64'), 'release-diff/new-binary', 'libvips-cpp.so.8.17.3').length, 1);
      assert.equal(weightOf(await rig.diff('@img/sharp-win32-x64'), 'release-diff/new-binary', 'libvips-cpp-8.17.3.dll').length, 1);
    } finally {
      await rig.close();
    }
  });

  test('hostile variants of the same releases still count', async () => {
    const rig = await serveFamilies(
      (doc) => {
        const to = Object.values(doc.versions).at(-1)! as Record<string, any>;
        // sharp: the "fallback" runs a file of its own that is not its build script, and pulls an outside package.
        if (doc.name === 'sharp') {
          to.scripts = { ...to.scripts, install: 'node install/check.js || node install/setup.js' };
          to.optionalDependencies = { ...to.optionalDependencies, 'img-helper-x': '1.0.0' };
        }
        // A platform package that stops declaring its platform is an ordinary package again.
        if (doc.name === '@esbuild/linux-x64')
          for (const m of Object.values<any>(doc.versions)) {
            delete m.os;
            delete m.cpu;
          }
      },
      (name, v, f) => (name === '@esbuild/linux-x64' && v === '0.25.6' ? { ...f, 'lib/helper.node': elf(9) } : f),
      [{ name: 'img-helper-x', versions: { '1.0.0': { name: 'img-helper-x', version: '1.0.0', dist: {} } } }],
    );
    try {
      const sharp = await rig.run('sharp');
      assert.deepEqual(weightOf(sharp.delta, 'release-diff/install-script-changed'), [WEIGHTS.installScriptChanged]);
      assert.deepEqual(weightOf(sharp.delta, 'release-diff/new-dependency', 'img-helper-x'), [WEIGHTS.newDependencyPatch]);
      assert.ok(severityRank(sharp.delta.severity) >= severityRank('medium'), `${sharp.delta.score} ${sharp.delta.severity}`);
      const esb = await rig.run('@esbuild/linux-x64');
      assert.deepEqual(weightOf(esb.delta, 'release-diff/new-binary', 'lib/helper.node'), [WEIGHTS.newBinary]);
      assert.ok(severityRank(esb.delta.severity) >= severityRank('low'), `${esb.delta.score} ${esb.delta.severity}`);
    } finally {
      await rig.close();
    }
  });
});
