/**
 * guard's own npm planning: npm's version choice for each edge, edges the project's root level
 * already meets skipped, and every case outside the model reported as a gap (npm then plans).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRegistrySpec, resolveSuperset, ResolveGap, type PlanManifest, type PlanPackument } from '../../src/app/guard/npm-resolve.js';

type Versions = Record<string, Omit<PlanManifest, 'name' | 'version'>>;

type Doc = { latest?: string; versions: Versions };

function packument(name: string, d: Doc): PlanPackument {
  const versions = Object.fromEntries(Object.entries(d.versions).map(([v, m]) => [v, { name, version: v, ...m }]));
  return { name, 'dist-tags': { latest: d.latest ?? Object.keys(versions).at(-1)! }, versions };
}

/** `docs`: the registry's fresh packuments; `cached`: other copies npm may answer from. */
function registry(docs: Record<string, Doc>, cached: Record<string, Doc> = {}) {
  const asked: string[] = [];
  const getPackument = async (name: string): Promise<PlanPackument[]> => {
    asked.push(name);
    const d = docs[name];
    if (!d) throw new ResolveGap(`404 ${name}`);
    const c = cached[name];
    return [packument(name, d), ...(c ? [packument(name, c)] : [])];
  };
  return { getPackument, asked };
}

const ids = (r: Awaited<ReturnType<typeof resolveSuperset>>) => r.map((p) => `${p.manifest.name}@${p.manifest.version}`).sort();

test('picks what npm picks: latest when it satisfies, else the highest in range; a dependency the root level meets is not added', async () => {
  const reg = registry({
    app: { latest: '2.0.0', versions: { '1.0.0': {}, '1.4.0': { dependencies: { util: '^1.0.0', fresh: '~3.1.0' } }, '2.0.0': {} } },
    util: { versions: { '1.0.0': {}, '1.9.0': {} } },
    fresh: { latest: '3.2.0', versions: { '3.1.0': {}, '3.1.5': {}, '3.2.0': {} } },
  });
  const r = await resolveSuperset({
    rootVersions: new Map([['util', '1.0.0']]),
    requests: [{ name: 'app', spec: '^1.0.0' }],
    getPackument: reg.getPackument,
  });
  assert.deepEqual(ids(r), ['app@1.4.0', 'fresh@3.1.5']);
  assert.deepEqual(r.find((p) => p.manifest.name === 'fresh')!.requiredBy, ['app@1.4.0']);
});

test('a root-level version that does not satisfy the edge: the pick is added (npm nests it)', async () => {
  const reg = registry({
    app: { versions: { '1.0.0': { dependencies: { util: '^2.0.0' } } } },
    util: { versions: { '1.0.0': {}, '2.3.0': {} } },
  });
  const r = await resolveSuperset({
    rootVersions: new Map([['util', '1.0.0']]),
    requests: [{ name: 'app', spec: '*' }],
    getPackument: reg.getPackument,
  });
  assert.deepEqual(ids(r), ['app@1.0.0', 'util@2.3.0']);
});

test('an edge skipped because the root level met it is re-checked when a new version of that name appears', async () => {
  // a needs shared ^1 (root has 1.0.0: skipped); b brings shared@2 (which may sit between a and the root): a's pick is added.
  const reg = registry({
    a: { versions: { '1.0.0': { dependencies: { shared: '^1.0.0' } } } },
    b: { versions: { '1.0.0': { dependencies: { shared: '^2.0.0' } } } },
    shared: { latest: '2.0.0', versions: { '1.0.0': {}, '1.5.0': {}, '2.0.0': {} } },
  });
  const r = await resolveSuperset({
    rootVersions: new Map([['shared', '1.0.0']]),
    requests: [
      { name: 'a', spec: '*' },
      { name: 'b', spec: '*' },
    ],
    getPackument: reg.getPackument,
  });
  assert.deepEqual(ids(r), ['a@1.0.0', 'b@1.0.0', 'shared@1.5.0', 'shared@2.0.0']);
});

test('peers are installed like dependencies; an optional peer nothing brings, and bundled dependencies, are not', async () => {
  const reg = registry({
    plugin: {
      versions: {
        '1.0.0': {
          dependencies: { inside: '^1.0.0' },
          bundleDependencies: ['inside'],
          peerDependencies: { host: '^3.0.0', maybe: '^1.0.0' },
          peerDependenciesMeta: { maybe: { optional: true } },
        },
      },
    },
    host: { versions: { '3.0.0': {} } },
  });
  const r = await resolveSuperset({ rootVersions: new Map(), requests: [{ name: 'plugin', spec: '*' }], getPackument: reg.getPackument });
  assert.deepEqual(ids(r), ['host@3.0.0', 'plugin@1.0.0']);
  assert.deepEqual(reg.asked.sort(), ['host', 'plugin']);
});

test('outside the model → a gap: git or alias dependencies, a bundled shrinkwrap, no matching version, engines.npm with npm unknown', async () => {
  const cases: [Versions, string, RegExp][] = [
    [{ '1.0.0': { dependencies: { x: 'github:someone/x' } } }, '*', /not a registry version/],
    [{ '1.0.0': { dependencies: { x: 'npm:other@^1' } } }, '*', /not a registry version/],
    [{ '1.0.0': { _hasShrinkwrap: true } }, '*', /npm-shrinkwrap/],
    [{ '1.0.0': {} }, '^9.0.0', /no version of top matches/],
    [{ '1.0.0': { engines: { npm: '>=7' } } as Versions[string] }, '*', /engines\.npm/],
  ];
  for (const [versions, spec, why] of cases) {
    const reg = registry({ top: { versions } });
    await assert.rejects(
      resolveSuperset({ rootVersions: new Map(), requests: [{ name: 'top', spec }], getPackument: reg.getPackument }),
      (e: Error) => {
        assert.ok(e instanceof ResolveGap);
        assert.match(e.message, why);
        return true;
      },
    );
  }
});

test('registry specs: ranges, versions and dist-tags; not aliases, git, URLs or paths', () => {
  for (const s of ['', '*', '^1.2.0', '1.2.3', '>=1 <3', 'next', 'beta-2']) assert.equal(isRegistrySpec(s), true, s);
  for (const s of ['npm:x@1', 'github:a/b', 'git+https://a.invalid/x.git', 'https://a.invalid/x.tgz', 'file:../x', './x', 'workspace:*'])
    assert.equal(isRegistrySpec(s), false, s);
});

test("a copy of a packument in npm's cache: npm's pick from it is added as well, with what it depends on", async () => {
  // The registry moved `latest` back to 1.0.0 (1.1.0 pulled); npm's still-fresh cached copy says 1.1.0.
  const reg = registry(
    {
      pkg: { latest: '1.0.0', versions: { '1.0.0': {} } },
      extra: { versions: { '1.0.0': {}, '1.2.0': {} } },
    },
    { pkg: { latest: '1.1.0', versions: { '1.0.0': {}, '1.1.0': { dependencies: { extra: '~1.0.0' } } } } },
  );
  const r = await resolveSuperset({ rootVersions: new Map(), requests: [{ name: 'pkg', spec: '*' }], getPackument: reg.getPackument });
  assert.deepEqual(ids(r), ['extra@1.0.0', 'pkg@1.0.0', 'pkg@1.1.0']);
  // The same version picked from both copies is one package.
  const same = registry({ pkg: { versions: { '1.0.0': {} } } }, { pkg: { versions: { '1.0.0': {} } } });
  const one = await resolveSuperset({
    rootVersions: new Map(),
    requests: [{ name: 'pkg', spec: '^1.0.0' }],
    getPackument: same.getPackument,
  });
  assert.deepEqual(ids(one), ['pkg@1.0.0']);
});

test('no match in a cached copy is skipped (npm fails there before installing anything); in the fresh copy it is a gap', async () => {
  const reg = registry({ pkg: { versions: { '1.0.0': {}, '2.0.0': {} } } }, { pkg: { versions: { '1.0.0': {} } } });
  const r = await resolveSuperset({ rootVersions: new Map(), requests: [{ name: 'pkg', spec: '^2.0.0' }], getPackument: reg.getPackument });
  assert.deepEqual(ids(r), ['pkg@2.0.0']);
  const stale = registry({ pkg: { versions: { '1.0.0': {} } } }, { pkg: { versions: { '1.0.0': {}, '2.0.0': {} } } });
  await assert.rejects(
    resolveSuperset({ rootVersions: new Map(), requests: [{ name: 'pkg', spec: '^2.0.0' }], getPackument: stale.getPackument }),
    ResolveGap,
  );
});
