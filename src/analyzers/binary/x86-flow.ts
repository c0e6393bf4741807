/**
 * The instructions of an x86-64 function reached from its entry by following its control flow
 * (recursive descent): fall-through, both sides of a conditional branch, jumps and calls to labels
 * within the function; a path ends at `ret`, at a jump out of the function, at `ud2`/`int3`, or at
 * bytes that do not decode (`int 0x80`, `syscall` and `hlt` do not end it). Used where a stripped
 * file gives a function no length (no symbol size, no FDE): its extent then runs to the next known
 * function start, and a byte sweep of that extent read the code
 * of the functions laid out after it as its own (an IFUNC resolver of 38 bytes "reached" 2.5 KiB
 * and 63 functions in libvips). Decoding is iced-x86's (a WebAssembly build), loaded on first use.
 *
 * The descent gives up (undefined: the caller sweeps the whole extent, as before) where it cannot
 * know where the code goes: an indirect jump through a register or a table (a `switch`), or more
 * than MAX_INSTRUCTIONS. A jump through a RIP-relative slot (`jmp *slot(%rip)`, a tail call through
 * the GOT) ends its path like a tail call.
 */
import { createRequire } from 'node:module';
import type * as Iced from 'iced-x86';

/** Instructions decoded per function at most; a longer descent falls back to the sweep. */
export const MAX_INSTRUCTIONS = 16_384;

/** One decoded instruction: its offset in the code given, length, and what it refers to. */
export interface FlowInstruction {
  offset: number;
  length: number;
  /** Direct call target (`call rel32`). */
  call?: number;
  /** Direct jump target, conditional or not. */
  jump?: number;
  /** Slot read by an indirect call or jump through RIP-relative memory. */
  indirect?: number;
  /** Address of another RIP-relative memory operand (data). */
  data?: number;
}

let iced: typeof Iced | undefined;
function decoderLib(): typeof Iced {
  iced ??= createRequire(import.meta.url)('iced-x86') as typeof Iced;
  return iced;
}

/**
 * The instructions reached from offset 0 of `code` (loaded at address `base`), in address order;
 * undefined when the flow cannot be followed (see the module comment) or the entry does not decode.
 */
export function x86Flow(code: Uint8Array, base: number): FlowInstruction[] | undefined {
  if (code.length === 0) return undefined;
  const { Decoder, DecoderOptions, Instruction, FlowControl, Mnemonic } = decoderLib();
  const decoder = new Decoder(64, code, DecoderOptions.None);
  const ins = new Instruction();
  const seen = new Map<number, FlowInstruction>();
  const todo = [0];
  const end = base + code.length;
  const inside = (addr: number) => addr >= base && addr < end;
  try {
    while (todo.length) {
      let off = todo.pop()!;
      for (;;) {
        if (off < 0 || off >= code.length || seen.has(off)) break;
        if (seen.size >= MAX_INSTRUCTIONS) return undefined;
        decoder.position = off;
        decoder.ip = BigInt(base + off);
        decoder.decodeOut(ins);
        // Bytes that do not decode (or run past the code given) end the path: data, or a truncated extent.
        if (ins.isInvalid) {
          if (off === 0) return undefined;
          break;
        }
        const one: FlowInstruction = { offset: off, length: ins.length };
        seen.set(off, one);
        const flow = ins.flowControl;
        const ripSlot = ins.isIpRelMemoryOperand ? Number(ins.ipRelMemoryAddress) : undefined;
        if (ins.isCallNear) {
          // A call to a label of this same code (`call 1f; …; 1: …`) runs that code too: it is read
          // as part of the function (the caller follows call targets only at known function starts).
          one.call = Number(ins.nearBranchTarget);
          if (inside(one.call)) todo.push(one.call - base);
        } else if (ins.isJmpShortOrNear || ins.isJccShortOrNear || ins.isJcxShort || ins.isLoop || ins.isLoopcc) {
          const t = Number(ins.nearBranchTarget);
          one.jump = t;
          if (inside(t)) todo.push(t - base);
        } else if (flow === FlowControl.UnconditionalBranch || flow === FlowControl.ConditionalBranch) {
          // A far or otherwise unusual branch (jmp far, xbegin…): not followed.
          if (flow === FlowControl.UnconditionalBranch) break;
        } else if (flow === FlowControl.IndirectCall || flow === FlowControl.IndirectBranch) {
          // Through a register or a table: where it goes is computed at run time.
          if (ripSlot === undefined) {
            if (flow === FlowControl.IndirectBranch) return undefined;
          } else one.indirect = ripSlot;
        } else if (ripSlot !== undefined) one.data = ripSlot;
        // `int 0x80` is an interrupt that returns (a system call): only the breakpoints end a path.
        const trap = flow === FlowControl.Interrupt && (ins.mnemonic === Mnemonic.Int3 || ins.mnemonic === Mnemonic.Int1);
        if (
          flow === FlowControl.Return ||
          flow === FlowControl.UnconditionalBranch ||
          flow === FlowControl.IndirectBranch ||
          flow === FlowControl.Exception ||
          trap
        )
          break;
        off += ins.length;
      }
    }
  } finally {
    ins.free();
    decoder.free();
  }
  return [...seen.values()].sort((a, b) => a.offset - b.offset);
}
