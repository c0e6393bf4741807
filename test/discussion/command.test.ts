import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { discussCommand } from '../../src/cli/commands/discuss.js';
import { isVigilError } from '../../src/core/errors.js';
import type { CommandContext } from '../../src/cli/command.js';
import { FIX } from './helpers.js';

const ctx = (positionals: string[], values: Record<string, unknown> = {}): CommandContext => ({
  options: { values: { format: 'json', ...values }, sources: {}, positionals },
  cwd: FIX,
  stdout: new PassThrough(),
  stderr: new PassThrough(),
  events: () => {},
  env: {},
});

test('discuss returns a ScanResult for the sources given', async () => {
  const out = await discussCommand.run(ctx(['synthetic-campaign']));
  assert.equal(out.kind, 'result');
  if (out.kind !== 'result') return;
  assert.equal(out.result.command, 'discuss');
  assert.equal(out.result.summary.findings.high, 1);
  assert.ok(out.result.findings.every((f) => f.fingerprint && f.analyzer.id === 'discussion'));
  assert.ok(
    out.result.unavailable.some((u) => u.field === 'code contributions'),
    'says that code was not checked without --repo',
  );
});

test('--max-messages bounds the read and says so', async () => {
  const out = await discussCommand.run(ctx(['synthetic-campaign'], { 'max-messages': 5 }));
  assert.equal(out.kind, 'result');
  if (out.kind !== 'result') return;
  assert.ok(out.result.problems.some((p) => p.code === 'E_ARCHIVE_LIMIT'));
  assert.equal((out.result.facts.discussion as { archive: { messages: number } }).archive.messages, 5);
});

test('no source is a usage error', async () => {
  await assert.rejects(discussCommand.run(ctx([])), (e) => isVigilError(e, 'E_USAGE'));
});
