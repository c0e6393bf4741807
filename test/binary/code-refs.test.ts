import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeRefs, probesCpu } from '../../src/analyzers/binary/code-refs.js';

const words = (...w: number[]): Buffer => {
  const b = Buffer.alloc(w.length * 4);
  w.forEach((x, i) => b.writeUInt32LE(x >>> 0, i * 4));
  return b;
};

test('aarch64: BL target, ADRP+LDR slot, ADRP+ADD address, STR through an ADRP page is a write', () => {
  const code = words(
    0x94000002, // 0x1000: bl 0x1008
    0xb0000010, // 0x1004: adrp x16, 0x2000
    0xf9400611, // 0x1008: ldr x17, [x16, #8]
    0xf9000611, // 0x100c: str x17, [x16, #8]
    0x91004210, // 0x1010: add x16, x16, #0x10
    0xd65f03c0, // ret
  );
  const r = codeRefs('aarch64', code, 0x1000)!;
  assert.deepEqual(r.calls, [0x1008]);
  assert.deepEqual(r.data, [
    { addr: 0x2008, write: false },
    { addr: 0x2008, write: true },
    { addr: 0x2010, write: false },
  ]);
  assert.equal(probesCpu('aarch64', code), false);
  assert.equal(probesCpu('aarch64', words(0xd5380600, 0xd65f03c0)), true, 'mrs x0, ID_AA64ISAR0_EL1');
});

test('x86-64: call rel32, call *disp(%rip), RIP-relative load and store; CPUID is a CPU probe', () => {
  const code = Buffer.from([
    0xe8,
    0x0b,
    0x00,
    0x00,
    0x00, // 0x1000: call 0x1010
    0xff,
    0x15,
    0x00,
    0x10,
    0x00,
    0x00, // 0x1005: call *0x100b+0x1000(%rip) → slot 0x200b
    0x48,
    0x8b,
    0x05,
    0xf0,
    0x0f,
    0x00,
    0x00, // 0x100b: mov 0xff0(%rip),%rax → 0x2002
    0x48,
    0x89,
    0x05,
    0x00,
    0x20,
    0x00,
    0x00, // 0x1012: mov %rax,0x2000(%rip) → 0x3019
    0xc3,
  ]);
  const r = codeRefs('x86-64', code, 0x1000)!;
  assert.deepEqual(r.calls, [0x1010]);
  assert.deepEqual(r.indirect, [0x200b]);
  assert.deepEqual(r.data, [
    { addr: 0x2002, write: false },
    { addr: 0x3019, write: true },
  ]);
  assert.equal(probesCpu('x86-64', code), false);
  assert.equal(probesCpu('x86-64', Buffer.from([0x31, 0xc0, 0x0f, 0xa2, 0xc3])), true);
  assert.equal(codeRefs('other', code, 0), undefined);
});
