/**
 * The previous release is downloaded only when its comparison is asked for: by metadata (publisher,
 * install scripts, dependencies, size, dormancy), by a content finding, or by --deep.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runComponent } from '../../src/engine/component-runner.js';
import { previousFilesTrigger } from '../../src/analyzers/release-diff/wants-previous.js';
import { releaseDiffAnalyzer } from '../../src/analyzers/release-diff/analyzer.js';
import type { ComponentAnalyzer } from '../../src/analyzers/types.js';
import type { Packument, VersionManifest } from '../../src/sources/npm/types.js';
import { comp, filesOf, findingOf, inventoryOf, manifestOf, packumentOf, servicesOf } from '../helpers/factories.js';
import { MemoryStore } from '../helpers/memory-store.js';

function pack(prev: Partial<VersionManifest>, cur: Partial<VersionManifest>, extra: Partial<Packument> = {}): Packument {
  const a = manifestOf('lib', '1.0.0', prev);
  const b = manifestOf('lib', '1.0.1', cur);
  return packumentOf(b, { versions: { '1.0.0': a, '1.0.1': b }, ...extra });
}

describe('previousFilesTrigger', () => {
  test('quiet metadata: no download', () => {
    assert.equal(previousFilesTrigger(pack({ dependencies: { a: '1' } }, { dependencies: { a: '2' } }), '1.0.1', '1.0.0', []), undefined);
  });
  test('each metadata signal asks, with its reason', () => {
    const cases: [Packument, RegExp][] = [
      [pack({ npmUser: { name: 'old' } }, { npmUser: { name: 'new' } }), /new publisher new/],
      [pack({}, { scripts: { postinstall: 'node x.js' } }), /postinstall/],
      [pack({ dependencies: { a: '1' } }, { dependencies: { a: '1', b: '1' } }), /new dependencies: b/],
      [
        pack({ dist: { tarball: 'x', unpackedSize: 100_000 } }, { dist: { tarball: 'y', unpackedSize: 900_000 } }),
        /unpacked size 100000 → 900000/,
      ],
      [
        pack(
          {},
          {},
          {
            time: { '1.0.0': '2020-01-01T00:00:00Z', '1.0.1': '2023-01-01T00:00:00Z' },
            available: { maintainers: false, npmUser: false, time: true, signatures: false, attestations: false },
          },
        ),
        /1096 days without a release/,
      ],
    ];
    for (const [p, re] of cases) assert.match(previousFilesTrigger(p, '1.0.1', '1.0.0', []) ?? '', re);
  });
  test('rewritten (unavailable) times never count as dormancy; a content finding asks', () => {
    const p = pack({}, {}, { time: { '1.0.0': '2020-01-01T00:00:00Z', '1.0.1': '2023-01-01T00:00:00Z' } });
    assert.equal(previousFilesTrigger(p, '1.0.1', '1.0.0', []), undefined);
    assert.equal(previousFilesTrigger(p, '1.0.1', '1.0.0', [findingOf('content/obfuscated-code', 'x', { severity: 'low' })]), undefined);
    assert.match(
      previousFilesTrigger(p, '1.0.1', '1.0.0', [findingOf('content/obfuscated-code', 'x', { severity: 'high' })]) ?? '',
      /content finding content\/obfuscated-code/,
    );
  });
});

describe('runComponent fetches the previous release on demand', () => {
  async function run(p: Packument, opts: { deep?: boolean; before?: ComponentAnalyzer } = {}) {
    const fetched: string[] = [];
    const c = comp('lib', '1.0.1', { integrity: 'sha512-x' });
    const seen: { files: boolean; skipped?: boolean }[] = [];
    const spy: ComponentAnalyzer = {
      ...releaseDiffAnalyzer,
      id: 'spy',
      analyze: (ctx) => {
        seen.push({ files: Boolean(ctx.previous?.files), skipped: ctx.previous?.filesSkipped });
        return releaseDiffAnalyzer.analyze(ctx);
      },
    };
    const out = await runComponent(c, [...(opts.before ? [opts.before] : []), spy], {
      npm: {
        registryUrl: () => 'http://127.0.0.1/',
        getPackument: async () => p,
        getTarball: async (_n, v) => {
          fetched.push(v);
          return { bytes: Buffer.from(v), integrity: 'sha512-x', fromCache: false };
        },
      },
      readPackage: async (bytes) => ({
        ...filesOf({ 'package.json': JSON.stringify({ name: 'lib', version: bytes.toString() }) }),
        origin: bytes.toString(),
      }),
      store: new MemoryStore(),
      inventory: inventoryOf(c),
      offline: false,
      services: servicesOf(),
      deep: opts.deep === true,
    });
    return { fetched, seen, out };
  }

  test('quiet metadata: only this release is downloaded; no per-package "tarball unavailable"', async () => {
    const r = await run(pack({}, {}));
    assert.deepEqual(r.fetched, ['1.0.1']);
    assert.deepEqual(r.seen, [{ files: false, skipped: true }]);
    assert.deepEqual(r.out.previousFiles, { read: false });
    assert.ok(!r.out.unavailable.some((u) => u.field === 'tarball'), JSON.stringify(r.out.unavailable));
  });

  test('--deep, a metadata signal, or an earlier content finding: the previous release is downloaded too', async () => {
    assert.deepEqual((await run(pack({}, {}), { deep: true })).fetched, ['1.0.1', '1.0.0']);
    const signal = await run(pack({}, { dependencies: { evil: '1' } }));
    assert.deepEqual(signal.fetched, ['1.0.1', '1.0.0']);
    assert.deepEqual(signal.out.previousFiles, { read: true, reason: 'new dependencies: evil' });
    assert.deepEqual(signal.seen, [{ files: true, skipped: undefined }]);
    const flagger: ComponentAnalyzer = {
      kind: 'component',
      id: 'flagger',
      version: '1',
      needs: { tarball: true },
      code: ['analyzers/content'],
      rules: [],
      appliesTo: () => true,
      analyze: (ctx) => ({ findings: [findingOf('content/remote-code', ctx.component.purl, { severity: 'high' })] }),
    };
    assert.deepEqual((await run(pack({}, {}), { before: flagger })).fetched, ['1.0.1', '1.0.0']);
  });
});
