import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeElf } from '../../src/analyzers/binary/analyze-elf.js';
import { fileFindings } from '../../src/analyzers/binary/findings.js';
import { compilePattern, loadSignatures, matchSignatures } from '../../src/analyzers/binary/signatures.js';
import { BINARY_RULES } from '../../src/analyzers/binary/rules.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';

test('catalogue: every signature has provenance (public rule set, date, reference) and compiles', () => {
  const sigs = loadSignatures();
  assert.ok(sigs.length >= 1);
  for (const s of sigs) {
    assert.match(s.date, /^\d{4}-\d{2}-\d{2}$/, s.id);
    assert.ok(s.source.length > 10 && /^https:\/\//.test(s.reference), s.id);
  }
});

test('wildcards match any byte; a near miss does not match', () => {
  const p = {
    id: 't',
    title: 't',
    source: 's',
    date: '2024-01-01',
    reference: 'https://example.invalid',
    pattern: 'de ad ?? ef 01 02 03 04',
    ...compilePattern('de ad ?? ef 01 02 03 04'),
  };
  assert.equal(matchSignatures(Buffer.from('0000dead77ef0102030400', 'hex'), [p])[0]?.offset, 2);
  assert.deepEqual(matchSignatures(Buffer.from('dead77ef01020305', 'hex'), [p]), []);
  assert.throws(() => compilePattern('aa ?? bb'), /4 consecutive fixed bytes/);
});

test('an ELF carrying catalogued backdoor bytes: high binary/known-signature with the rule set and offset', { skip: gccMissing() }, () => {
  const lib = buildLib('cpu-dispatch-v1');
  const sig = loadSignatures()[0]!;
  const bytes = Buffer.from(sig.pattern.replace(/\?\?/g, '00').replace(/\s+/g, ''), 'hex');
  const f = analyzeElf('libcarrier.so', Buffer.concat([lib, bytes]));
  const found = fileFindings(f, { subject: 'x', ecosystem: 'deb' }).filter((x) => x.rule === BINARY_RULES.knownSignature);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'high');
  assert.match(found[0]!.evidence[0]!.label!, new RegExp(`${sig.id} at file offset 0x${lib.length.toString(16)}`));
  assert.deepEqual(fileFindings(analyzeElf('libplain.so', lib), { subject: 'x', ecosystem: 'deb' }), []);
});
