/**
 * A content worker analyses hundreds of files and collects its heap in between. V8 throws away
 * optimised code that checked a function or an object shape once nothing alive uses them, so
 * the passes and the whole parser were optimised again after every
 * collection: thousands of compiles per scan on V8's helper threads. This test counts V8's
 * optimising compiles over 20 files with a collection after each, made as the worker makes it.
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

const counts = compiles(20);
const seen = JSON.stringify([...counts]);

/** Each function must be optimised at all (else the bound proves nothing), and at most `max` times over 20 files and collections. */
function bounded(name: string, max: number, what: string): void {
  const n = counts.get(name) ?? 0;
  assert.ok(n >= 1, `${what} (${name}) was never optimised: ${seen}`);
  assert.ok(n <= max, `${what} (${name}) optimised ${n} times over 20 files, each followed by a collection`);
}

test("acorn-walk's walkers: the walk recurses through one function, not a closure per file (ast-walk.ts)", () => {
  // acorn-walk names a walker after the node types it serves; was 20 here.
  const walker = [...counts.keys()].find((name) => name.startsWith('base.') && name.endsWith('.base.CallExpression'));
  assert.ok(walker, `the call walker was never optimised: ${seen}`);
  bounded(walker, 6, "acorn-walk's call walker");
});

test("the passes' visitors: module-level functions over a state object, the last small file's state kept until the next (code-keeper.ts)", () => {
  // js-scan's and both behaviour passes' visitors of calls together; was 40 here.
  bounded('CallExpression', 12, 'the visitors of calls');
});

test('the parser: the worker collects during a parse, so its shapes outlive the collection (js-parse.ts)', () => {
  // Was 19 here (once per collection).
  bounded('nextToken', 8, "meriyah's tokenizer");
});
