/**
 * The contract every parser must hold on hostile bytes: it returns a result, or throws a VigilError
 * that names the file (and, for text formats, the line). Anything else — a raw TypeError, a
 * RangeError from a runaway recursion, an InternalError, a VigilError without a place — breaks it.
 */
import { describeError, VigilError } from '../../../src/core/errors.js';
import type { Problem } from '../../../src/core/types.js';

export class ContractBroken extends Error {
  override name = 'ContractBroken';
}

export interface Expect {
  /** The file name the error must carry. */
  file: string;
  /** Require a 1-based line (text formats). */
  line?: boolean;
}

/** Runs `parse`; accepts a result or a placed VigilError, throws ContractBroken otherwise. */
export async function typedOnly<T>(expect: Expect, parse: () => Promise<T> | T): Promise<T | VigilError> {
  try {
    return await parse();
  } catch (e) {
    if (!(e instanceof VigilError)) throw new ContractBroken(`not a VigilError: ${describeError(e)}`, { cause: e });
    if (e.file !== expect.file)
      throw new ContractBroken(`VigilError ${e.code} names file ${String(e.file)}, not ${expect.file}: ${e.message}`);
    if (expect.line && !(typeof e.line === 'number' && e.line >= 1))
      throw new ContractBroken(`VigilError ${e.code} without a line: ${e.message}`);
    return e;
  }
}

/** Every problem of a partial result names a file (and a line when `line`). */
export function placedProblems(problems: readonly Problem[] | undefined, expect: { line?: boolean } = {}): void {
  for (const p of problems ?? []) {
    if (!p.file && !p.subject) throw new ContractBroken(`problem without a file: ${p.code} ${p.message}`);
    if (expect.line && p.line !== undefined && !(p.line >= 1)) throw new ContractBroken(`problem with line ${p.line}: ${p.message}`);
  }
}
