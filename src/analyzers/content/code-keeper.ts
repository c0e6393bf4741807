/**
 * What keeps the analysis passes' optimised code alive between files. V8 keeps a function's
 * optimised code only while a closure running it is alive, and drops an object shape (with the
 * optimised code that checked it) at a collection that finds no object of that shape. A content
 * worker collects between packages, when nothing of the last file's analysis is alive: every
 * pass's closures (made per file) were then optimised again, thousands of compiles per scan on V8's
 * helper threads. Each pass keeps its last small file's closures here until its next file.
 */

/** Only a small file's closures are kept: what they hold on to (the file's text, some of its syntax tree) stays small. */
export const KEEP_BELOW_BYTES = 64 * 1024;

const kept = new Map<string, unknown>();

/** Keeps `closures` (and what they reach) until the same pass keeps another file's. */
export function keepUntilNext(pass: string, textLength: number, closures: unknown): void {
  if (textLength < KEEP_BELOW_BYTES) kept.set(pass, closures);
}
