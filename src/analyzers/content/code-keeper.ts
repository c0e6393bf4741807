/**
 * What keeps the analysis passes' optimised code alive between files. V8 drops an object shape
 * (with the optimised code that checked it) at a collection that finds no object of that shape. A
 * content worker collects between packages, when nothing of the last file's analysis is alive:
 * the passes' functions, optimised for the shapes of syntax-tree nodes and of their own state,
 * were then optimised again, thousands of compiles per scan on V8's helper threads. Each pass
 * keeps its last small file's state (and through it that file's syntax tree) here until its next
 * file.
 */

/** Only a small file's state is kept: what it holds on to (the file's text, its syntax tree) stays small. */
export const KEEP_BELOW_BYTES = 64 * 1024;

const kept = new Map<string, unknown>();

/** Keeps `state` (and what it reaches) until the same pass keeps another file's. */
export function keepUntilNext(pass: string, textLength: number, state: unknown): void {
  if (textLength < KEEP_BELOW_BYTES) kept.set(pass, state);
}
