import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeElf } from '../../src/analyzers/binary/analyze-elf.js';
import { fileFindings } from '../../src/analyzers/binary/findings.js';
import { BINARY_RULES } from '../../src/analyzers/binary/rules.js';
import { SEVERITIES } from '../../src/core/types.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';

const skip = gccMissing();
const ctx = { subject: 'pkg:deb/debian/libexample', ecosystem: 'deb' as const };
const above = (s: string, floor: string): boolean => SEVERITIES.indexOf(s as never) > SEVERITIES.indexOf(floor as never);

for (const strip of [false, true]) {
  const tag = strip ? ' (stripped)' : '';

  test(`benign CPU-dispatch IFUNC: judged cpu-dispatch, no finding above info${tag}`, { skip }, () => {
    const f = analyzeElf('libcpu.so', buildLib('cpu-dispatch-v2', { strip }));
    assert.equal(f.ifuncs.length, 1);
    assert.equal(f.ifuncs[0]!.verdict, 'cpu-dispatch', f.ifuncs[0]!.reasons.join('; '));
    assert.ok(f.ifuncs[0]!.resolver.cpuProbeBytes > 0, 'the CPUID probe reached from the resolver is recognised');
    assert.deepEqual(
      fileFindings(f, ctx).filter((x) => above(x.severity, 'info')),
      [],
    );
  });

  test(`resolver walking the link map (dl_iterate_phdr, _r_debug): high with section, symbol and offset${tag}`, { skip }, () => {
    const f = analyzeElf('liblinkmap.so', buildLib('linkmap-v2', { strip }));
    const r = fileFindings(f, ctx).find((x) => x.rule === BINARY_RULES.resolverLinker);
    assert.ok(r, 'finding emitted');
    assert.equal(r.severity, 'high');
    assert.match(r.evidence[0]!.label!, /resolver .* in \.text at file offset 0x[0-9a-f]+/);
    assert.match(r.explanation, /dl_iterate_phdr/);
    assert.match(r.explanation, /_r_debug/);
    assert.equal(f.ifuncs[0]!.via, strip ? 'irelative' : 'symbol', 'stripped: found through the IRELATIVE relocation alone');
  });

  test(`resolver patching another object's GOT through its link map: high${tag}`, { skip }, () => {
    const f = analyzeElf('libgot.so', buildLib('gotpatch-v2', { strip }));
    const r = fileFindings(f, ctx).find((x) => x.rule === BINARY_RULES.resolverLinker);
    assert.ok(r);
    assert.match(r.explanation, /mprotect/);
    assert.match(r.explanation, /_r_debug/);
  });
}

test('resolver reading /proc with stdio: medium (more than CPU selection), not high', { skip }, () => {
  const f = analyzeElf('libcomplex.so', buildLib('complex-resolver'));
  const found = fileFindings(f, ctx);
  assert.deepEqual(
    found.map((x) => [x.rule, x.severity]),
    [[BINARY_RULES.resolverComplex, 'medium']],
  );
  assert.match(found[0]!.explanation, /fopen/);
});

test('library without IFUNC: no resolver facts, no findings', { skip }, () => {
  const f = analyzeElf('libplain.so', buildLib('cpu-dispatch-v1'));
  assert.equal(f.ifuncs.length, 0);
  assert.deepEqual(fileFindings(f, ctx), []);
  assert.ok(f.exports.includes('sum_ints'));
});
