/**
 * Code references in a byte range, without a full disassembler. x86-64: `call/jmp rel32`,
 * `call/jmp *disp(%rip)` and RIP-relative memory operands, found by byte pattern; a hit only counts
 * when its target lands on something known (a PLT stub, a function start, a GOT slot, a named
 * symbol) — the callers check that. aarch64: fixed-width decoding of BL/B and ADRP+LDR/ADD pairs.
 */
import { adrpTarget, isAdrp, ldr64Offset } from '../../sources/elf/index.js';
import type { ElfMachine } from '../../sources/elf/index.js';
import { x86Flow } from './x86-flow.js';

export interface CodeRefs {
  /** Direct call targets. */
  calls: number[];
  /** Direct jump targets (tail calls when outside the function). */
  jumps: number[];
  /** Memory slots read by an indirect call/jump (`call *slot`). */
  indirect: number[];
  /** Addresses referenced as data; `write` when the instruction stores there. */
  data: { addr: number; write: boolean }[];
}

/** RIP-relative opcodes → immediate bytes after the displacement; writes marked. */
const RIP_OPS = new Map<number, { imm: number; write: boolean }>([
  [0x8b, { imm: 0, write: false }],
  [0x8d, { imm: 0, write: false }],
  [0x89, { imm: 0, write: true }],
  [0x3b, { imm: 0, write: false }],
  [0x39, { imm: 0, write: false }],
  [0x03, { imm: 0, write: false }],
  [0x85, { imm: 0, write: false }],
  [0x0b, { imm: 0, write: false }],
  [0x23, { imm: 0, write: false }],
  [0xc7, { imm: 4, write: true }],
  [0xc6, { imm: 1, write: true }],
  [0x83, { imm: 1, write: false }],
  [0x81, { imm: 4, write: false }],
  [0x80, { imm: 1, write: false }],
  [0xf6, { imm: 1, write: false }],
  [0x87, { imm: 0, write: true }],
]);

function x86(code: Buffer, base: number): CodeRefs {
  const out: CodeRefs = { calls: [], jumps: [], indirect: [], data: [] };
  for (let i = 0; i + 5 <= code.length; i++) {
    const op = code[i]!;
    if (op === 0xe8 || op === 0xe9) {
      const t = base + i + 5 + code.readInt32LE(i + 1);
      (op === 0xe8 ? out.calls : out.jumps).push(t);
      i += 4;
      continue;
    }
    if (i + 6 > code.length) continue;
    if (op === 0xff && (code[i + 1] === 0x15 || code[i + 1] === 0x25)) {
      out.indirect.push(base + i + 6 + code.readInt32LE(i + 2));
      i += 5;
      continue;
    }
    // [REX] op modrm(mod=00, rm=101) disp32 [imm]; also 0F B6/B7 (movzx).
    let j = i;
    if (op >= 0x40 && op <= 0x4f) j++;
    let spec = RIP_OPS.get(code[j]!);
    if (code[j] === 0x0f && (code[j + 1] === 0xb6 || code[j + 1] === 0xb7)) {
      spec = { imm: 0, write: false };
      j++;
    }
    if (!spec || j + 6 > code.length) continue;
    const modrm = code[j + 1]!;
    if ((modrm & 0xc7) !== 0x05) continue;
    if ((code[j] === 0xc7 || code[j] === 0xc6) && (modrm & 0x38) !== 0) continue;
    const end = j + 6 + spec.imm;
    if (end > code.length) continue;
    out.data.push({ addr: base + end + code.readInt32LE(j + 2), write: spec.write });
    i = end - 1;
  }
  return out;
}

function arm64(code: Buffer, base: number): CodeRefs {
  const out: CodeRefs = { calls: [], jumps: [], indirect: [], data: [] };
  const page = new Map<number, number>();
  for (let i = 0; i + 4 <= code.length; i += 4) {
    const insn = code.readUInt32LE(i);
    const pc = base + i;
    const top = (insn & 0xfc000000) >>> 0;
    if (top === 0x94000000 || top === 0x14000000) {
      let imm = insn & 0x3ffffff;
      if (imm & 0x2000000) imm -= 0x4000000;
      (top === 0x94000000 ? out.calls : out.jumps).push(pc + imm * 4);
      continue;
    }
    if (isAdrp(insn)) {
      page.set(insn & 31, adrpTarget(insn, pc));
      continue;
    }
    const rn = (insn >>> 5) & 31;
    const p = page.get(rn);
    if (p === undefined) continue;
    const ldr = ldr64Offset(insn);
    if (ldr !== undefined) {
      out.data.push({ addr: p + ldr, write: false });
      continue;
    }
    if ((insn & 0xffc00000) >>> 0 === 0xf9000000) {
      out.data.push({ addr: p + ((insn >>> 10) & 0xfff) * 8, write: true });
      continue;
    }
    if ((insn & 0xff800000) >>> 0 === 0x91000000) {
      const sh = (insn >>> 22) & 1;
      out.data.push({ addr: p + (((insn >>> 10) & 0xfff) << (sh ? 12 : 0)), write: false });
    }
  }
  return out;
}

export function codeRefs(machine: ElfMachine, code: Buffer, base: number): CodeRefs | undefined {
  if (machine === 'x86-64') return x86(code, base);
  if (machine === 'aarch64') return arm64(code, base);
  return undefined;
}

/** What the instructions reached from a function's entry refer to (x86-64 only; see x86-flow.ts). */
export interface FlowRefs {
  refs: CodeRefs;
  /** Bytes of the instructions reached. */
  bytes: number;
  /** Offset just past the last instruction reached (the function's extent as decoded). */
  end: number;
  /** Whether one of them is a CPU-feature probe (CPUID, XGETBV). */
  cpuProbe: boolean;
}

/**
 * Code references of the instructions reached from `code`'s first byte by following control flow;
 * undefined when the machine is not x86-64 or the flow cannot be followed (the caller then sweeps
 * the whole range with codeRefs). Each instruction is read on its own, so no pattern is matched
 * across instruction boundaries; whether a RIP-relative operand is written is read as codeRefs reads it.
 */
export function flowRefs(machine: ElfMachine, code: Buffer, base: number): FlowRefs | undefined {
  if (machine !== 'x86-64') return undefined;
  const flow = x86Flow(code, base);
  if (!flow) return undefined;
  const out: FlowRefs = { refs: { calls: [], jumps: [], indirect: [], data: [] }, bytes: 0, end: 0, cpuProbe: false };
  for (const i of flow) {
    const bytes = code.subarray(i.offset, i.offset + i.length);
    out.bytes += i.length;
    out.end = Math.max(out.end, i.offset + i.length);
    if (probesCpu(machine, bytes)) out.cpuProbe = true;
    if (i.call !== undefined) out.refs.calls.push(i.call);
    if (i.jump !== undefined) out.refs.jumps.push(i.jump);
    if (i.indirect !== undefined) out.refs.indirect.push(i.indirect);
    if (i.data !== undefined) {
      const write = x86(bytes, base + i.offset).data.some((d) => d.addr === i.data && d.write);
      out.refs.data.push({ addr: i.data, write });
    }
  }
  return out;
}

/** Executes CPUID or XGETBV (x86-64), or reads an ID register with MRS (aarch64): a CPU-feature probe. */
export function probesCpu(machine: ElfMachine, code: Buffer): boolean {
  if (machine === 'x86-64') {
    for (let i = code.indexOf(0x0f); i >= 0 && i + 1 < code.length; i = code.indexOf(0x0f, i + 1)) {
      if (code[i + 1] === 0xa2 || (code[i + 1] === 0x01 && code[i + 2] === 0xd0)) return true;
    }
    return false;
  }
  if (machine === 'aarch64') {
    for (let i = 0; i + 4 <= code.length; i += 4) {
      const insn = code.readUInt32LE(i);
      // MRS Xt, <op0=3, op1=0, CRn=0, ...>: the ID_AA64* and MIDR/MPIDR registers.
      if ((insn & 0xfff8f000) >>> 0 === 0xd5380000) return true;
    }
  }
  return false;
}
