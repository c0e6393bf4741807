/**
 * `vigil scan --repo NAME=PATH` through the real CLI: the history analyzer's facts reach the
 * component's fragility score (truck factor) and the HTML report's history section. These are the
 * joints that broke when history facts were nested twice under the purl.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startRegistryServer, type RegistryServer } from '../helpers/registry-server.js';
import { day, FixtureRepo, MAINTAINER } from '../history/fixture-repo.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vigil.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'small-app');
const ISEXE = 'pkg:npm/isexe@2.0.0';

let reg: RegistryServer;
let tmp: string;
let repo: FixtureRepo;
let project: string;

async function scan(format: string): Promise<string> {
  const env = { ...process.env, CI: '1', NO_COLOR: '1', HOME: tmp, npm_config_userconfig: join(tmp, 'none.npmrc') };
  const r = await run(
    process.execPath,
    [BIN, 'scan', project, '--repo', `isexe=${repo.dir}`, '--format', format, '--registry', reg.url, '--store', join(tmp, `${format}.db`)],
    { env, cwd: tmp, maxBuffer: 64 << 20 },
  );
  return r.stdout;
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vigil-repo-'));
  project = join(tmp, 'app');
  cpSync(FIXTURE, project, { recursive: true });
  // One person wrote every file: truck factor 1.
  repo = new FixtureRepo();
  for (let i = 0; i < 4; i++) repo.commit(MAINTAINER, day('2021-01-01', i * 30), `c${i}`, { [`src/f${i}.js`]: `module.exports = ${i};\n` });
  reg = await startRegistryServer({ fixtures: join(ROOT, 'test', 'fixtures', 'npm-registry', 'full-metadata') });
});
after(async () => {
  await reg.close();
  repo.remove();
  rmSync(tmp, { recursive: true, force: true });
});

describe('scan --repo NAME=PATH (real CLI)', () => {
  test("the truck factor from the clone reaches the component's fragility score", async () => {
    const j = JSON.parse(await scan('json')) as {
      facts: {
        history?: Record<string, { truckFactor?: { value: number } }>;
        scoring: Record<string, { factors: { name: string; value: unknown }[] }>;
      };
      problems: { code: string }[];
    };
    assert.equal(j.facts.history?.[ISEXE]?.truckFactor?.value, 1, 'history facts are stored once, under the purl');
    const tf = j.facts.scoring[ISEXE]?.factors.find((f) => f.name === 'fragility.truckFactor');
    assert.equal(tf?.value, 1, JSON.stringify(tf));
    const other = j.facts.scoring['pkg:npm/is-typedarray@1.0.0']?.factors.find((f) => f.name === 'fragility.truckFactor');
    assert.equal(other?.value, 'unknown', 'components without --repo stay unknown');
    assert.deepEqual(
      j.problems.filter((p) => p.code === 'E_ANALYZER'),
      [],
    );
  });

  test('the HTML history section lists the repository with its truck factor', async () => {
    const html = await scan('html');
    const data = /<script type="application\/json" id="vigil-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
    assert.ok(data, 'the report embeds its view model');
    const vm = JSON.parse(data) as { history: { repo: string; truckFactor?: number; people: { name: string }[] }[] };
    assert.equal(vm.history.length, 1, JSON.stringify(vm.history).slice(0, 300));
    assert.equal(vm.history[0]!.truckFactor, 1);
    assert.ok(vm.history[0]!.people.some((p) => p.name === MAINTAINER.name));
  });
});
