/** Function extents in a stripped file: FDE lengths where only padding follows them, the next start otherwise. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseElf } from '../../src/sources/elf/index.js';
import { FunctionIndex } from '../../src/analyzers/binary/functions.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';

const skip = gccMissing() || (process.arch !== 'x64' ? 'x86-64 padding only' : false);

test('a stripped function ends where its FDE says; code hidden past that end makes the extent run on', { skip }, () => {
  const full = parseElf(buildLib('linkmap-v2'));
  const buf = buildLib('linkmap-v2', { strip: true });
  const elf = parseElf(buf);
  const resolver = full.symtab.find((s) => s.name === 'resolve_sum')!;
  const fns = new FunctionIndex(elf, buf);
  const ext = fns.extent(resolver.value)!;
  assert.equal(ext.estimated, false);
  assert.equal(ext.end - ext.start, resolver.size);
  // Without the bytes to check what follows, FDE lengths are not used.
  assert.equal(new FunctionIndex(elf).extent(resolver.value)!.estimated, true);
  // Code (not padding) between the FDE's end and the next function: the length is not believed.
  const text = elf.sections.find((s) => s.name === '.text')!;
  const tampered = Buffer.from(buf);
  const at = text.offset + (resolver.value + resolver.size - text.addr);
  tampered[at] = 0xe8; // a call opcode where padding was
  const onward = new FunctionIndex(parseElf(tampered), tampered).extent(resolver.value)!;
  assert.equal(onward.estimated, true);
  assert.ok(onward.end - onward.start > resolver.size);
});
