import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElfFormatError, parseElf } from '../../src/sources/elf/index.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';
import { fuzzElf } from '../helpers/elf-fuzz.js';

const skip = gccMissing();
const machine = process.arch === 'arm64' ? 'aarch64' : 'x86-64';

test('headers, sections, dynamic, symbols, relocations, PLT/GOT, init array and build-id of a gcc-built library', { skip }, () => {
  const elf = parseElf(buildLib('linkmap-v2'));
  assert.equal(elf.bits, 64);
  assert.equal(elf.machine, machine);
  assert.equal(elf.type, 3);
  for (const s of ['.text', '.dynsym', '.dynstr', '.rela.dyn', '.init_array', '.symtab', '.eh_frame_hdr'])
    assert.ok(
      elf.sections.some((x) => x.name === s),
      s,
    );
  assert.ok(elf.dynamic.needed.includes('libc.so.6'));
  assert.ok(elf.dynsym.some((s) => s.name === 'sum_ints' && s.type === 'func' && s.shndx !== 0));
  assert.ok(elf.dynsym.some((s) => s.name === 'dl_iterate_phdr' && s.shndx === 0));
  assert.ok(elf.symtab.some((s) => s.name === 'sum_impl' && s.type === 'ifunc'));
  const irel = elf.relocations.filter((r) => r.kind === 'irelative');
  assert.equal(irel.length, 1, 'one IRELATIVE relocation');
  assert.equal(irel[0]!.addend, elf.symtab.find((s) => s.name === 'resolve_sum')!.value, 'its addend is the resolver');
  assert.ok([...elf.got.values()].includes('_r_debug'), 'GLOB_DAT slot of _r_debug');
  assert.ok([...elf.plt.values()].includes('dl_iterate_phdr'), 'PLT stub of dl_iterate_phdr');
  assert.ok(
    elf.initArray.length >= 1 &&
      elf.initArray.every((a) => elf.sections.some((s) => s.name === '.text' && a >= s.addr && a < s.addr + s.size)),
  );
  assert.match(elf.buildId ?? '', /^[0-9a-f]{40}$/);
  assert.ok(elf.functionStarts.length >= 3);
  assert.deepEqual(elf.problems, []);
});

test('a stripped file keeps dynamic symbols and function starts but has no .symtab', { skip }, () => {
  const elf = parseElf(buildLib('linkmap-v2', { strip: true }));
  assert.equal(elf.symtab.length, 0);
  assert.ok(elf.dynsym.length > 0);
  assert.ok(elf.functionStarts.length >= 3);
});

test('not ELF / truncated header: ElfFormatError naming the offset', () => {
  assert.throws(() => parseElf(Buffer.from('#!/bin/sh\n')), ElfFormatError);
  assert.throws(() => parseElf(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1])), /truncated/);
  assert.throws(() => parseElf(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 9, 1]), Buffer.alloc(64)])), /class 9 at offset 4/);
});

test('section table past the end of the file: partial view with a problem, not a crash', { skip }, () => {
  const b = Buffer.from(buildLib('linkmap-v2'));
  b.writeBigUInt64LE(BigInt(b.length + 4096), 40); // e_shoff
  const elf = parseElf(b);
  assert.equal(elf.sections.length, 0);
  assert.match(elf.problems.join('\n'), /section header 0 at offset \d+ lies outside the file/);
  assert.ok(elf.dynamic.needed.includes('libc.so.6'), 'the dynamic section is still found through PT_DYNAMIC');
});

test('fuzz: mutated libraries parse to a partial view or an ElfFormatError, nothing else (bounded run)', { skip }, () => {
  fuzzElf(150);
});

test("a stripped file's FDEs give each function's length: the sizes its symbol table had", { skip }, () => {
  const full = parseElf(buildLib('linkmap-v2'));
  const stripped = parseElf(buildLib('linkmap-v2', { strip: true }));
  const funcs = full.symtab.filter((s) => s.type === 'func' && s.size > 0 && stripped.functionStarts.includes(s.value));
  assert.ok(funcs.length >= 3, `${funcs.length} functions with both a symbol and an FDE`);
  for (const s of funcs) assert.equal(stripped.functionSizes.get(s.value), s.size, s.name);
  assert.deepEqual(stripped.problems, []);
});
