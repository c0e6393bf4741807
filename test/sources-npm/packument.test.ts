import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackument } from '../../src/sources/npm/packument.js';
import { assessPublishTimes } from '../../src/sources/npm/packument-time.js';
import { isVigilError } from '../../src/core/errors.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'npm-registry');
const NOW = '2026-11-26T00:00:00.000Z';

function load(scenario: string, file: string, name: string) {
  const body = readFileSync(join(FIX, scenario, 'packuments', file));
  return parsePackument({ name, body, registry: 'http://127.0.0.1:1/', fetchedAt: NOW });
}

describe('parsePackument on real packuments', () => {
  test('full registry metadata: maintainers, publishers, real times, per-version fields', () => {
    const p = load('full-metadata', 'isexe.json', 'isexe');
    assert.deepEqual(p.available, { maintainers: true, npmUser: true, time: true, signatures: false, attestations: false });
    assert.equal(p.distTags.latest, '2.0.0');
    assert.deepEqual(Object.keys(p.versions).sort(), ['1.0.0', '1.0.1', '1.1.0', '1.1.1', '1.1.2', '2.0.0']);
    const v = p.versions['2.0.0'];
    assert.ok(v);
    assert.equal(v.npmUser?.name, 'isaacs');
    assert.ok(v.maintainers && v.maintainers.length > 0);
    assert.equal(v.gitHead, '10f8be491aab2e158c7e20df64a7f90ab5b5475c');
    assert.match(v.dist.tarball, /^\{\{registry\}\}isexe\/-\/isexe-2\.0\.0\.tgz$/);
    assert.equal(v.scripts?.postpublish, 'git push origin --all; git push origin --tags');
    assert.ok(p.time?.created, 'created kept');
    assert.equal(p.unavailableReasons?.signatures, 'the registry did not serve registry signatures');
    assert.equal(p.unavailableReasons?.time, undefined);
  });

  test('scoped package with an install script', () => {
    const p = load('full-metadata', '@isaacs+testing-fail-postinstall.json', '@isaacs/testing-fail-postinstall');
    assert.equal(p.versions['1.0.0']?.scripts?.postinstall, 'exit 1');
    assert.equal(p.available.npmUser, true);
  });

  test('mirror-stripped: maintainers, publishers and rewritten times are reported unavailable, not invented', () => {
    const p = load('mirror-stripped', 'isexe.json', 'isexe');
    assert.deepEqual(p.available, { maintainers: false, npmUser: false, time: false, signatures: false, attestations: false });
    assert.equal(p.maintainers, undefined);
    assert.equal(p.versions['2.0.0']?.npmUser, undefined);
    assert.match(p.unavailableReasons?.time ?? '', /publish order contradicts version order/);
    assert.ok(p.time, 'the served times are still passed through');
    const small = load('mirror-stripped', 'is-typedarray.json', 'is-typedarray');
    assert.equal(small.available.time, false, 'two versions: caught by the missing created/modified');
  });

  test('signatures and attestations count as available only when served', () => {
    const doc = {
      name: 'x',
      versions: {
        '1.0.0': {
          name: 'x',
          version: '1.0.0',
          dist: { tarball: 'http://127.0.0.1/x.tgz', signatures: [{ keyid: 'k', sig: 's' }], attestations: { url: 'u' } },
        },
        '1.0.1': { name: 'x', version: '1.0.1', dist: { tarball: 'http://127.0.0.1/x2.tgz', signatures: [] } },
      },
    };
    const p = parsePackument({ name: 'x', body: JSON.stringify(doc), registry: 'r', fetchedAt: NOW });
    assert.equal(p.available.signatures, true);
    assert.equal(p.available.attestations, true);
    assert.equal(p.available.time, false);
    assert.equal(p.unavailableReasons?.time, 'the registry did not serve `time`');
  });

  test('string persons, deprecated, hasInstallScript, bundleDependencies; versions without dist are dropped', () => {
    const doc = {
      name: 'y',
      versions: {
        '1.0.0': {
          _npmUser: 'Jane Doe <jane@example.test>',
          deprecated: 'use z',
          hasInstallScript: true,
          bundledDependencies: ['a'],
          dist: { tarball: 't', shasum: 'ab' },
        },
        '2.0.0': { name: 'y', version: '2.0.0' },
      },
    };
    const p = parsePackument({ name: 'y', body: JSON.stringify(doc), registry: 'r', fetchedAt: NOW });
    const v = p.versions['1.0.0'];
    assert.deepEqual(v?.npmUser, { name: 'Jane Doe', email: 'jane@example.test' });
    assert.equal(v?.deprecated, 'use z');
    assert.equal(v?.hasInstallScript, true);
    assert.deepEqual(v?.bundleDependencies, ['a']);
    assert.equal(p.versions['2.0.0'], undefined);
  });
});

describe('parsePackument string maps (dependencies, scripts, times, dist-tags)', () => {
  /** What a string map means: the entries whose value is a string, in order, and nothing that could reach a prototype. */
  const strings = (o: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o as object))
      if (typeof v === 'string' && k !== '__proto__')
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  };
  const recorded = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? recorded(join(dir, e.name)) : dir.endsWith('packuments') && e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    );

  test('every recorded packument in the fixtures: each map equals the served one filtered to strings', () => {
    const files = recorded(join(import.meta.dirname, '..', 'fixtures'));
    assert.ok(files.length >= 20, `${files.length} recorded packuments`);
    let maps = 0;
    for (const f of files) {
      const raw = JSON.parse(readFileSync(f, 'utf8')) as {
        name: string;
        versions: Record<string, Record<string, unknown>>;
        time?: unknown;
      };
      const p = parsePackument({ name: raw.name, body: readFileSync(f), registry: 'r', fetchedAt: NOW });
      if (raw.time) assert.deepEqual(p.time, strings(raw.time), f);
      for (const [v, m] of Object.entries(p.versions)) {
        for (const k of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts'] as const) {
          const served = raw.versions[v]?.[k];
          if (served && typeof served === 'object') {
            assert.deepEqual(m[k], strings(served), `${f} ${v} ${k}`);
            maps++;
          } else assert.equal(m[k], undefined);
        }
        // What nothing reads from the registry is not kept (a framework's dev maps were most of its packument).
        for (const k of ['devDependencies', 'files', 'license']) assert.equal(k in m, false, `${f} ${v} ${k}`);
      }
    }
    assert.ok(maps > 50, `${maps} maps compared`);
  });

  test('hostile maps: values that are not strings and __proto__ keys are dropped; no prototype is reached', () => {
    const body =
      '{"name":"h","dist-tags":{"latest":"1.0.0","__proto__":"x","bad":7},"time":{"1.0.0":"2020-01-01T00:00:00.000Z","x":{"y":1}},' +
      '"versions":{"1.0.0":{"dist":{"tarball":"t"},"dependencies":{"__proto__":"^1.0.0","ok":"^2.0.0"},' +
      '"scripts":{"postinstall":["node","x"],"test":"node t"},"peerDependencies":{"a":"1","b":null}}}}';
    const p = parsePackument({ name: 'h', body, registry: 'r', fetchedAt: NOW });
    const m = p.versions['1.0.0']!;
    assert.deepEqual(Object.entries(m.dependencies ?? {}), [['ok', '^2.0.0']]);
    assert.equal(Object.getPrototypeOf(m.dependencies), Object.prototype);
    assert.deepEqual(m.scripts, { test: 'node t' });
    assert.deepEqual(m.peerDependencies, { a: '1' });
    assert.deepEqual(Object.entries(p.distTags), [['latest', '1.0.0']]);
    assert.deepEqual(p.time, { '1.0.0': '2020-01-01T00:00:00.000Z' });
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });
});

describe('parsePackument on bad bodies', () => {
  const bad = (body: string, contentType?: string) => () =>
    parsePackument({ name: 'left-pad', body, registry: 'r', fetchedAt: NOW, ...(contentType ? { contentType } : {}) });
  const namesPackage = (re: RegExp) => (e: unknown) =>
    isVigilError(e, 'E_REGISTRY_BODY') && e.subject === 'left-pad' && re.test(e.message) && e.message.includes('left-pad');

  test('HTML body', () => {
    assert.throws(bad('<!DOCTYPE html><html>Sign in</html>'), namesPackage(/HTML/));
    assert.throws(bad('{"name":"left-pad"}', 'text/html; charset=utf-8'), namesPackage(/HTML/));
  });
  test('invalid JSON', () => assert.throws(bad('{"name":"left-pad","versions":{'), namesPackage(/not valid JSON/)));
  test('JSON that is not an object', () => assert.throws(bad('[1,2]'), namesPackage(/not a JSON object/)));
  test('packument of another package', () => assert.throws(bad('{"name":"right-pad","versions":{}}'), namesPackage(/different package/)));
  test('no versions', () => assert.throws(bad('{"name":"left-pad"}'), namesPackage(/no "versions"/)));
  test('an unpublished package is not an error', () => {
    const p = parsePackument({
      name: 'left-pad',
      body: '{"name":"left-pad","time":{"unpublished":{"time":"2020-01-01T00:00:00Z"}}}',
      registry: 'r',
      fetchedAt: NOW,
    });
    assert.deepEqual(p.versions, {});
  });
});

describe('publish time heuristic', () => {
  const versions = ['1.0.0', '1.0.1', '1.0.2', '1.1.0', '1.2.0'];
  const real = {
    created: '2015-01-01T00:00:00.000Z',
    modified: '2016-06-01T00:00:00.000Z',
    '1.0.0': '2015-01-01T00:00:00.000Z',
    '1.0.1': '2015-02-01T00:00:00.000Z',
    '1.0.2': '2015-03-01T00:00:00.000Z',
    '1.1.0': '2015-09-01T00:00:00.000Z',
    '1.2.0': '2016-06-01T00:00:00.000Z',
  };
  test('ordered real times pass', () => assert.deepEqual(assessPublishTimes(real, versions, NOW), { real: true }));
  test('one backport among many releases passes', () => {
    assert.equal(
      assessPublishTimes({ ...real, '1.0.2': '2016-01-01T00:00:00.000Z', modified: '2016-06-01T00:00:00.000Z' }, versions, NOW).real,
      true,
    );
  });
  test('identical times are a bulk rewrite', () => {
    const t = Object.fromEntries(versions.map((v) => [v, '2024-01-01T00:00:00.000Z']));
    assert.match(assessPublishTimes(t, versions, NOW).reason ?? '', /same publish time/);
  });
  test('times after the fetch are rewritten', () => {
    assert.match(
      assessPublishTimes({ ...real, '1.2.0': '2030-01-01T00:00:00.000Z', modified: '2030-01-01T00:00:00.000Z' }, versions, NOW).reason ??
        '',
      /future/,
    );
  });
  test('created after the first version is inconsistent', () => {
    assert.match(assessPublishTimes({ ...real, created: '2016-01-01T00:00:00.000Z' }, versions, NOW).reason ?? '', /created/);
  });
  test('times without created/modified are not trusted, even when too few to judge the order', () => {
    const t = { '1.0.0': '2015-01-01T00:00:00.000Z', '1.0.1': '2015-02-01T00:00:00.000Z' };
    assert.match(assessPublishTimes(t, ['1.0.0', '1.0.1'], NOW).reason ?? '', /created/);
    assert.equal(assessPublishTimes({ ...t, created: t['1.0.0'], modified: t['1.0.1'] }, ['1.0.0', '1.0.1'], NOW).real, true);
  });
  test('shuffled times are rewritten', () => {
    const t = {
      '1.0.0': '2025-05-01T00:00:00Z',
      '1.0.1': '2024-12-01T00:00:00Z',
      '1.0.2': '2025-09-01T00:00:00Z',
      '1.1.0': '2024-11-22T00:00:00Z',
      '1.2.0': '2026-03-01T00:00:00Z',
    };
    assert.equal(assessPublishTimes(t, versions, NOW).real, false);
  });
});
