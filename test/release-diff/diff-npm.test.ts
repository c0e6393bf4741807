/** `vigil diff` through a real npm client against a local registry: results, partial results, bad input. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffNpm } from '../../src/app/diff-npm.js';
import { isVigilError } from '../../src/core/errors.js';
import type { ReleaseDelta } from '../../src/analyzers/release-diff/types.js';
import { tarballPath } from '../helpers/registry-server.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { serveScenario } from './helpers.js';

const S = 'install-script-patch';
const PURL = 'pkg:npm/tiny-util@1.2.4';
const deltaOf = (r: Awaited<ReturnType<typeof diffNpm>>, purl = PURL) => r.facts['release-diff']?.[purl] as ReleaseDelta;

describe('vigil diff npm:NAME', () => {
  test('npm:NAME@TO compares with the release before it, on real tarballs', async () => {
    const rig = await serveScenario(S);
    try {
      const r = await diffNpm(['npm:tiny-util@1.2.4'], { npm: rig.npm });
      assert.equal(r.command, 'diff');
      const d = deltaOf(r);
      assert.equal(d.from, '1.2.3');
      assert.equal(d.fromChosen, 'previous-by-semver');
      assert.equal(d.bump, 'patch');
      assert.deepEqual(d.files?.addedPaths, ['setup.js']);
      const high = r.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.rule);
      assert.ok(high.includes('release-diff/takeover-risk'), high.join(', '));
      const script = r.findings.find((f) => f.rule === 'release-diff/install-script-added');
      assert.equal(script?.evidence[0]?.after, 'node setup.js');
      assert.equal(r.summary.components, 1);
      assert.equal(r.problems.length, 0, JSON.stringify(r.problems));
      assert.equal(rig.reg.count(tarballPath('tiny-util', '1.2.3')), 1);
    } finally {
      await rig.close();
    }
  });

  test('npm:NAME FROM TO compares the given versions (and dist-tags); the reverse direction finds nothing new', async () => {
    const rig = await serveScenario(S);
    try {
      const r = await diffNpm(['npm:tiny-util', '1.2.4', '1.2.3'], { npm: rig.npm });
      const d = deltaOf(r, 'pkg:npm/tiny-util@1.2.3');
      assert.equal(d.fromChosen, 'given');
      assert.equal(d.bump, 'downgrade');
      assert.deepEqual(d.files?.removedPaths, ['setup.js']);
      assert.ok(!d.signals.some((s) => s.rule === 'release-diff/install-script-added' || s.rule === 'release-diff/new-capability'));
      const tagged = await diffNpm(['npm:tiny-util', '1.2.3', 'latest'], { npm: rig.npm });
      assert.equal(deltaOf(tagged).to, '1.2.4');
    } finally {
      await rig.close();
    }
  });
});

test('content facts are kept in the store by tarball integrity and reused by the next diff', async () => {
  const rig = await serveScenario(S);
  try {
    const store = new MemoryStore();
    const first = await diffNpm(['npm:tiny-util@1.2.4'], { npm: rig.npm, factsCache: store });
    assert.ok(deltaOf(first).signals.some((s) => s.rule === 'release-diff/new-capability'));
    const keys = [...store.analysis.keys()].filter((k) => k.startsWith('facts|content@'));
    assert.equal(keys.length, 2);
    // Plant facts without capabilities for both releases: the second diff must read them, not recompute.
    for (const k of keys) store.analysis.set(k, { ...(store.analysis.get(k) as object), capabilities: [], fileCapabilities: {} });
    const second = await diffNpm(['npm:tiny-util@1.2.4'], { npm: rig.npm, factsCache: store });
    assert.ok(!deltaOf(second).signals.some((s) => s.rule === 'release-diff/new-capability'));
    assert.ok(deltaOf(second).signals.some((s) => s.rule === 'release-diff/install-script-added'));
  } finally {
    await rig.close();
  }
});

describe('bad input gives clear messages and partial results', () => {
  test('a TO that does not exist is an error naming the package and listing versions', async () => {
    const rig = await serveScenario(S);
    try {
      await assert.rejects(
        diffNpm(['npm:tiny-util@9.9.9'], { npm: rig.npm }),
        (e: unknown) =>
          isVigilError(e, 'E_INPUT_NOT_FOUND') &&
          /tiny-util has no version or dist-tag "9\.9\.9" \(TO\)/.test(e.message) &&
          /2 versions published/.test(e.hint ?? ''),
      );
    } finally {
      await rig.close();
    }
  });

  test('an unpublished version says so', async () => {
    const rig = await serveScenario(S, (_n, doc) => {
      doc.time['1.2.2'] = '2022-12-01T00:00:00.000Z';
    });
    try {
      await assert.rejects(
        diffNpm(['npm:tiny-util', '1.2.3', '1.2.2'], { npm: rig.npm }),
        (e: unknown) => isVigilError(e, 'E_INPUT_NOT_FOUND') && /published and later unpublished/.test(e.message),
      );
      // As FROM it is a problem and the rest still runs.
      const r = await diffNpm(['npm:tiny-util', '1.2.2', '1.2.4'], { npm: rig.npm });
      assert.match(r.problems[0]?.message ?? '', /1\.2\.2 \(FROM\) was published and later unpublished/);
      assert.equal(deltaOf(r).from, undefined);
      assert.equal(deltaOf(r).fromChosen, 'none');
    } finally {
      await rig.close();
    }
  });

  test('a tarball failing integrity: a problem, and the metadata/manifest comparison still runs', async () => {
    const rig = await serveScenario(S);
    rig.reg.misbehave(tarballPath('tiny-util', '1.2.4'), { kind: 'wrong-bytes' });
    try {
      const r = await diffNpm(['npm:tiny-util@1.2.4'], { npm: rig.npm });
      const p = r.problems.find((x) => x.code === 'E_INTEGRITY');
      assert.ok(p, JSON.stringify(r.problems));
      assert.match(p.message, /files of tiny-util@1\.2\.4 not compared/);
      const d = deltaOf(r);
      assert.equal(d.files, undefined);
      assert.ok(d.unavailable.some((u) => u.field === 'tarball' && /1\.2\.4/.test(u.reason)));
      // The install script is still seen, from the packument's manifest.
      assert.ok(d.signals.some((s) => s.rule === 'release-diff/install-script-added'));
    } finally {
      await rig.close();
    }
  });

  test('a packument without `time` still compares; dormancy is reported unavailable', async () => {
    const rig = await serveScenario(S, (_n, doc) => {
      delete doc.time;
    });
    try {
      const r = await diffNpm(['npm:tiny-util@1.2.4'], { npm: rig.npm });
      const d = deltaOf(r);
      assert.equal(d.from, '1.2.3');
      assert.equal(d.publishedAt, undefined);
      const u = d.unavailable.find((x) => x.field === 'time');
      assert.match(u?.reason ?? '', /^not available from this registry \(the registry did not serve `time`\)/);
    } finally {
      await rig.close();
    }
  });

  test('usage errors', async () => {
    const rig = await serveScenario(S);
    try {
      await assert.rejects(diffNpm([], { npm: rig.npm }), (e: unknown) => isVigilError(e, 'E_USAGE'));
      await assert.rejects(diffNpm(['left-pad'], { npm: rig.npm }), (e: unknown) => isVigilError(e, 'E_USAGE'));
      await assert.rejects(
        diffNpm(['npm:tiny-util', '1.2.3'], { npm: rig.npm }),
        (e: unknown) => isVigilError(e, 'E_USAGE') && /missing TO/.test(e.message),
      );
      await assert.rejects(diffNpm(['npm:tiny-util@1.2.4', '1.2.3', '1.2.4'], { npm: rig.npm }), (e: unknown) =>
        isVigilError(e, 'E_USAGE'),
      );
      await assert.rejects(diffNpm(['npm:no-such-package@1.0.0'], { npm: rig.npm }), (e: unknown) => isVigilError(e, 'E_REGISTRY_HTTP'));
    } finally {
      await rig.close();
    }
  });

  test('the first release has nothing to compare with: a problem, publisher checks only', async () => {
    const rig = await serveScenario(S);
    try {
      const r = await diffNpm(['npm:tiny-util@1.2.3'], { npm: rig.npm });
      assert.match(r.problems[0]?.message ?? '', /no earlier stable release/);
      assert.equal(deltaOf(r, 'pkg:npm/tiny-util@1.2.3').fromChosen, 'none');
    } finally {
      await rig.close();
    }
  });
});
