/** A function without a recorded length: its reach is what its own control flow decodes to, not the code laid out after it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeElf } from '../../src/analyzers/binary/analyze-elf.js';
import { codeRefs } from '../../src/analyzers/binary/code-refs.js';
import { fileFindings } from '../../src/analyzers/binary/findings.js';
import { FunctionIndex } from '../../src/analyzers/binary/functions.js';
import { x86Flow } from '../../src/analyzers/binary/x86-flow.js';
import { parseElf } from '../../src/sources/elf/index.js';
import { buildLib, gccMissing } from '../helpers/native-fixtures.js';

const skip = gccMissing() ?? (process.arch !== 'x64' ? 'the fixture is x86-64 assembly' : undefined);
const ctx = { subject: 'pkg:npm/libexample@1.0.0', ecosystem: 'npm' as const };
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

test('stripped resolver without an FDE: the code after its ret is not its reach (CPU dispatch stays cpu-dispatch)', { skip }, () => {
  const buf = buildLib('asm-resolver-benign', { strip: true });
  const elf = parseElf(buf);
  const sum = elf.dynsym.find((s) => s.name === 'sum_ints')!;
  // The premise: nothing records where pick_sum ends, and a sweep of its extent meets env_copy's getenv call.
  const ext = new FunctionIndex(elf, buf).extent(sum.value)!;
  assert.equal(ext.estimated, true);
  const text = ext.section;
  const swept = codeRefs('x86-64', buf.subarray(text.offset + (ext.start - text.addr), text.offset + (ext.end - text.addr)), ext.start)!;
  assert.ok(
    swept.calls.some((t) => elf.plt.get(t) === 'getenv'),
    'a byte sweep of the estimated extent reaches getenv',
  );

  const f = analyzeElf('libsum.so', buf);
  assert.equal(f.ifuncs.length, 1);
  const plain = f.ifuncs[0]!;
  assert.equal(plain.verdict, 'cpu-dispatch', plain.reasons.join('; '));
  assert.equal(plain.resolver.sizeDecoded, true);
  assert.ok(plain.resolver.size < 48 && plain.resolver.size < ext.end - ext.start, `decoded size ${plain.resolver.size}`);
  assert.ok(plain.resolver.cpuProbeBytes > 0, 'its CPUID is still seen');
  assert.deepEqual(plain.resolver.imports, []);
  assert.deepEqual(
    fileFindings(f, ctx).filter((x) => x.rule.startsWith('binary/ifunc')),
    [],
  );
});

test('stripped resolver without an FDE that calls getenv itself: that reach is kept (medium)', { skip }, () => {
  const f = analyzeElf('libscale.so', buildLib('asm-resolver-env', { strip: true }));
  assert.equal(f.ifuncs.length, 1);
  const env = f.ifuncs[0]!;
  assert.equal(env.verdict, 'complex');
  assert.equal(env.resolver.sizeDecoded, true);
  assert.ok(env.resolver.imports.includes('getenv'), env.resolver.imports.join(','));
  const finding = fileFindings(f, ctx).find((x) => x.rule === 'binary/ifunc-resolver-complex');
  assert.ok(finding, 'the getenv resolver is reported');
  assert.equal(finding.severity, 'medium');
  assert.match(finding.evidence[0]!.label!, /as its control flow reaches/);
});

test('x86Flow follows both sides of a branch and stops at ret; what follows the ret is not read', () => {
  // 0: test eax,eax; 2: je +3 (→7); 4: xor eax,eax; 6: ret; 7: mov eax,1; c: ret; d: call rel32 (never reached)
  const code = hex('85c0 7403 31c0 c3 b801000000 c3 e800000000');
  const flow = x86Flow(code, 0x1000)!;
  assert.deepEqual(
    flow.map((i) => i.offset),
    [0, 2, 4, 6, 7, 12],
  );
  assert.equal(flow[1]!.jump, 0x1007);
  assert.ok(!flow.some((i) => i.call !== undefined));
});

test('x86Flow ends a loop, reads calls and RIP-relative operands, and gives up on a computed jump', () => {
  // 0: call rel32 → 0x2000; 5: lea rax,[rip+0x10]; c: dec ecx; e: jne -4 (→c); 10: jmp [rip+0x20] (through a slot)
  const code = hex('e8fb0f0000 488d0510000000 ffc9 75fc ff2520000000');
  const flow = x86Flow(code, 0x1000)!;
  assert.equal(flow[0]!.call, 0x2000);
  assert.equal(flow[1]!.data, 0x1000 + 12 + 0x10);
  assert.equal(flow.at(-1)!.indirect, 0x1000 + 0x16 + 0x20);
  // jmp rax (a switch's table jump): where it goes is not known, so the caller sweeps instead.
  assert.equal(x86Flow(hex('85c0 7402 ffe0 c3'), 0x1000), undefined);
  // Bytes that are not an instruction at the entry.
  assert.equal(x86Flow(hex('0f0b'.slice(0, 2)), 0x1000), undefined);
  assert.equal(x86Flow(Buffer.alloc(0), 0x1000), undefined);
});

test('x86Flow decodes code reached by a call into the function itself and past an int 0x80 (neither hides code)', () => {
  // 0: call +1 (→6, a label inside this code, not a function start); 5: ret; 6: call rel32 → 0x3000; b: ret
  const local = x86Flow(hex('e801000000 c3 e8f51f0000 c3'), 0x1000)!;
  assert.ok(
    local.some((i) => i.offset === 6 && i.call === 0x3000),
    'the code after the local call target is read',
  );
  // 0: int 0x80 (a system call: execution goes on); 2: call rel32 → 0x3000; 7: ret
  const afterInt = x86Flow(hex('cd80 e8f91f0000 c3'), 0x1000)!;
  assert.ok(afterInt.some((i) => i.call === 0x3000));
  // int3 does end a path: what follows it is not read.
  assert.deepEqual(
    x86Flow(hex('cc e8f91f0000'), 0x1000)!.map((i) => i.offset),
    [0],
  );
});
