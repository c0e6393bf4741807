/**
 * A content worker analyses hundreds of files and collects its heap in between. Optimised code that
 * checked which function it calls is thrown away once that function is collected: the walk's
 * recursion was a closure made per file, so acorn-walk's walkers were optimised again after every
 * collection (thousands of compiles per scan on V8's helper threads). The recursion is now one
 * function (ast-walk.ts); this test counts V8's optimising compiles over 20 files with a full
 * collection after each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./compile-once-child.ts', import.meta.url));

/** Optimising compiles per function name, from `--trace-opt` output. */
function compiles(rounds: number): Map<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--trace-opt', child, String(rounds)], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  assert.equal(r.status, 0, r.stderr);
  const counts = new Map<string, number>();
  for (const m of r.stdout.matchAll(/^\[completed compiling 0x[0-9a-f]+ <JSFunction (\S+) /gm))
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return counts;
}

test("acorn-walk's walkers are optimised a few times, not again after each collection", () => {
  const counts = compiles(20);
  // The walker of call expressions (acorn-walk names it after the types it serves).
  const walker = [...counts].find(([name]) => name.startsWith('base.') && name.endsWith('.base.CallExpression'));
  // It runs often enough to be optimised at all (else the bound below proves nothing)…
  assert.ok(walker, `the call walker was never optimised: ${JSON.stringify([...counts])}`);
  // …and is not optimised again per file: with a recursion closure per file it was, 20 times here.
  assert.ok(walker[1] <= 5, `${walker[0]} optimised ${walker[1]} times over 20 files`);
});
