import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { packageJsonExtractor, RESOLVED_NOTE } from '../../src/inventory/package-json.js';
import { comp, extractFixture, purls } from './helpers.js';

describe('bare package.json', () => {
  test('direct ranges resolved through ctx.resolveRange; the source says resolved, not locked', async () => {
    const asked: string[] = [];
    const versions: Record<string, string> = { debug: '4.3.7', ms: '2.1.3', semver: '7.6.3' };
    const inv = await extractFixture(packageJsonExtractor, 'bare-package-json/package.json', {
      resolveRange: async (name, range) => {
        asked.push(`${name}@${range}`);
        return versions[name];
      },
    });
    assert.deepEqual(asked.sort(), ['debug@^4.3.0', 'ms@^2.1.0', 'nothing-matches@^99.0.0', 'semver@~7.6.0']);
    assert.equal(inv.sources[0]!.resolvedNotLocked, true);
    assert.equal(inv.sources[0]!.note, RESOLVED_NOTE);
    assert.deepEqual(purls(inv), ['pkg:npm/debug@4.3.7', 'pkg:npm/ms@2.1.3', 'pkg:npm/semver@7.6.3']);
    assert.deepEqual(comp(inv, 'pkg:npm/debug@4.3.7').locations, [{ file: 'package.json', line: 5 }]);
    assert.equal(comp(inv, 'pkg:npm/semver@7.6.3').dev, true);
    assert.ok(inv.edges.some((e) => e.from === 'root:bare-app' && e.to === 'pkg:npm/ms@2.1.3' && e.spec === 'npm:ms@^2.1.0'));
    const git = inv.problems.find((p) => p.subject === 'from-git');
    assert.match(git!.message, /git dependency; without a lockfile its version cannot be known/);
    assert.equal(git!.line, 7);
    assert.match(
      inv.problems.find((p) => p.subject === 'nothing-matches')!.message,
      /no published version of "nothing-matches" satisfies "\^99\.0\.0"/,
    );
  });

  test('offline (no resolveRange): no components, one problem per dependency naming its range', async () => {
    const inv = await extractFixture(packageJsonExtractor, 'bare-package-json/package.json');
    assert.equal(inv.components.length, 0);
    assert.equal(inv.sources[0]!.resolvedNotLocked, true);
    const offline = inv.problems.filter((p) => p.code === 'E_OFFLINE_MISS');
    assert.deepEqual(offline.map((p) => p.message.split(' ')[0]).sort(), [
      '"debug@^4.3.0"',
      '"ms@^2.1.0"',
      '"nothing-matches@^99.0.0"',
      '"semver@~7.6.0"',
    ]);
    assert.ok(offline.every((p) => p.file === 'package.json' && typeof p.line === 'number'));
  });

  test('a registry failure for one dependency is a problem, the others still resolve', async () => {
    const inv = await extractFixture(packageJsonExtractor, 'bare-package-json/package.json', {
      resolveRange: async (name) => {
        if (name === 'debug') throw new Error('registry answered 500');
        return '1.0.0';
      },
    });
    assert.ok(inv.problems.some((p) => p.subject === 'debug' && /500/.test(p.message)));
    assert.ok(purls(inv).includes('pkg:npm/semver@1.0.0'));
  });
});
