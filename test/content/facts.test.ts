import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeContent, contentFacts } from '../../src/analyzers/content/index.js';
import { readDirectory } from '../../src/sources/archive/index.js';
import { CONTENT_FIXTURES, filesOf } from './helpers.js';

test('contentFacts is JSON-serialisable and stable (same input, same JSON, any file order)', async () => {
  const files = await readDirectory(CONTENT_FIXTURES + 'install-env-exfil');
  const a = contentFacts(files);
  const b = contentFacts({ ...files, files: [...files.files].reverse() });
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a, 'no Buffers, Maps or undefined-only fields');
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(a.schema, 2);
  assert.equal(a.name, 'fixture-install-env-exfil');
  assert.deepEqual(
    a.installScripts.map((s) => [s.event, s.files]),
    [['postinstall', ['setup.js']]],
  );
  assert.deepEqual(a.fileCapabilities['setup.js'], ['env-serialize', 'fs-sensitive', 'network']);
});

test('install-time closure follows relative requires', () => {
  const facts = contentFacts(
    filesOf({
      'package.json': JSON.stringify({ name: 'p', version: '1.0.0', scripts: { postinstall: 'node ./scripts/run' } }),
      'scripts/run.js': "require('./helper');",
      'scripts/helper.js': "const { get } = require('../lib/net.js'); module.exports = get;",
      'lib/net.js': "module.exports = require('https');",
      'lib/unused.js': "require('child_process');",
    }),
  );
  assert.deepEqual(facts.installScripts[0]!.files, ['lib/net.js', 'scripts/helper.js', 'scripts/run.js']);
});

test('capabilities: env reads vs whole-env serialisation, sensitive paths, network globals, wasm, vm', () => {
  const facts = contentFacts(
    filesOf({
      'a.js': [
        'const token = process.env.NPM_TOKEN;',
        "const spawnEnv = { ...process.env, X: '1' };",
        'const all = Object.entries(process.env);',
        "const p = require('path').join(require('os').homedir(), '.ssh', 'id_rsa');",
        "new WebSocket('wss://x.example.invalid');",
        'WebAssembly.instantiate(buf);',
        "require('vm').runInNewContext(code);",
        'eval(code);',
        "eval('1+1');",
        'require(name);',
      ].join('\n'),
    }),
  );
  const by = (k: string) => facts.capabilities.filter((c) => c.kind === k);
  assert.deepEqual(
    by('env-read').map((c) => c.detail),
    ['NPM_TOKEN'],
  );
  assert.deepEqual(
    by('env-serialize').map((c) => [c.line, c.detail]),
    [[3, 'Object.entries(process.env)']],
  );
  assert.deepEqual(
    by('fs-sensitive').map((c) => c.line),
    [4, 4],
  );
  assert.deepEqual(
    by('network').map((c) => c.detail),
    ['WebSocket'],
  );
  assert.deepEqual(
    by('wasm').map((c) => c.line),
    [6],
  );
  assert.deepEqual(
    by('vm').map((c) => c.line),
    [7],
  );
  assert.deepEqual(
    by('eval').map((c) => c.line),
    [8],
    'eval of a literal is not a capability',
  );
  assert.deepEqual(
    by('dynamic-require').map((c) => c.line),
    [10],
  );
});

test('a file no parser accepts is still scanned (regex fallback) and reported as such', () => {
  const facts = contentFacts(filesOf({ 'broken.js': "const x = require('child_process'\nfetch(url) }}} <<<\neval(payload)\n" }));
  assert.ok(facts.fileCapabilities['broken.js']?.includes('child-process'));
  assert.ok(facts.fileCapabilities['broken.js']?.includes('eval'));
  assert.equal(facts.parseFallbacks.length, 1);
});

test('binaries by magic: .node addon, wasm, ELF with innocent extension, Mach-O', () => {
  const elf = Buffer.concat([Buffer.from('7f454c46020101', 'hex'), Buffer.alloc(64)]);
  const macho = Buffer.concat([Buffer.from('cffaedfe', 'hex'), Buffer.alloc(64)]);
  const facts = contentFacts(
    filesOf({
      'build/Release/x.node': elf,
      'a.wasm': Buffer.concat([Buffer.from('0061736d01000000', 'hex'), Buffer.alloc(8)]),
      'data.txt': elf,
      'bin/tool': macho,
    }),
  );
  assert.deepEqual(
    facts.binaries.map((b) => [b.file, b.kind, b.disguised]),
    [
      ['a.wasm', 'wasm', false],
      ['bin/tool', 'mach-o', false],
      ['build/Release/x.node', 'node-addon', false],
      ['data.txt', 'elf', true],
    ],
  );
});

test('blobs: compressed test files and random data are recorded with their references; media is not', () => {
  const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), random]);
  const gz = Buffer.concat([Buffer.from('1f8b0800000000000003', 'hex'), random]);
  const facts = contentFacts(
    filesOf({ 'test/fixtures/a.gz': gz, 'test/a.test.js': "read('a.gz')", 'test/img.png': png, 'test/data/r.bin': random }),
  );
  assert.deepEqual(
    facts.blobs.map((b) => [b.file, b.format, b.referencedBy.source]),
    [
      ['test/data/r.bin', 'high-entropy', []],
      ['test/fixtures/a.gz', 'gzip', ['test/a.test.js']],
    ],
  );
});

test('archive issues are typed by kind: only names and links that leave the package are unsafe', async () => {
  const files = filesOf({ 'package.json': JSON.stringify({ name: 'p', version: '1.0.0' }), 'lib/x.js': 'module.exports = 1;' });
  files.files.push(
    { path: 'inside', size: 0, linkTarget: 'lib/x.js', linkType: 'symlink' },
    { path: 'lib/up', size: 0, linkTarget: '../lib/x.js', linkType: 'symlink' },
    { path: 'out', size: 0, linkTarget: '../../../etc/passwd', linkType: 'symlink' },
    { path: 'abs', size: 0, linkTarget: '/etc/shadow', linkType: 'hardlink' },
  );
  // A reason worded like an escape is still not one: rules read the kind, never the text.
  files.skipped.push(
    { path: '../evil.js', kind: 'parent-escape', reason: 'path escapes with ".."' },
    { path: 'a/deep/file.js', kind: 'too-deep', reason: 'absolute path escapes (wording only)' },
  );
  const { facts, findings } = await analyzeContent(files, 'pkg:npm/p@1.0.0');
  assert.deepEqual(facts.archiveIssues.map((i) => `${i.kind} ${i.path}`).sort(), [
    'link abs',
    'link inside',
    'link lib/up',
    'link out',
    'parent-escape ../evil.js',
    'too-deep a/deep/file.js',
  ]);
  const unsafe = findings.find((f) => f.rule === 'content/unsafe-archive-entry');
  assert.deepEqual(unsafe?.evidence.map((e) => (e.kind === 'path' ? e.value : '')).sort(), ['../evil.js', 'abs', 'out']);
});
