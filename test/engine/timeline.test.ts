/**
 * The bench-only scan trace (src/core/timeline.ts): with VIGIL_TIMELINE set, spans and main-thread
 * utilisation samples are written when the process exits; without it nothing is written. The
 * summary (bench/lib/timeline-summary.ts) finds worker occupancy and the idle gaps in a trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseTimeline, type Span } from '../../bench/lib/timeline-summary.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = `
import { span, timed, stage, timelineOn } from './src/core/timeline.ts';
console.log(timelineOn);
stage('one');
const end = span('packument.http', 'left-pad');
timed('packument.parse', 'left-pad', () => { const t = Date.now(); while (Date.now() - t < 30); });
await new Promise((r) => setTimeout(r, 300));
end();
`;

function runWith(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

test('VIGIL_TIMELINE=FILE writes the spans, the stages and main-thread samples at exit; unset, nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-timeline-'));
  try {
    const file = join(dir, 'trace.jsonl');
    const r = runWith({ VIGIL_TIMELINE: file });
    assert.equal(r.status, 0, r.stderr);
    const spans = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Span);
    const http = spans.find((s) => s.kind === 'packument.http');
    const parse = spans.find((s) => s.kind === 'packument.parse');
    assert.equal(http?.subject, 'left-pad');
    assert.ok(http.end - http.start >= 250, JSON.stringify(http));
    assert.ok(parse && parse.start >= http.start && parse.end <= http.end);
    assert.ok(
      spans.some((s) => s.kind === 'stage.one'),
      'the open stage is ended at exit',
    );
    assert.ok(
      spans.some((s) => s.kind === 'main.elu'),
      'main-thread samples',
    );
    if (existsSync('/proc/self/task'))
      assert.ok(
        spans.some((s) => s.kind === 'thread.sample' && /\bmain:\d/.test(s.subject)),
        'per-thread CPU samples (Linux)',
      );
    const high = spans.find((s) => s.kind === 'mem.high');
    assert.match(high?.subject ?? '', /^rss=\d+ heap=\d+ external=\d+ arrayBuffers=\d+$/, 'the first memory sample is a new high');
    assert.ok(Number(/rss=(\d+)/.exec(high!.subject)![1]) > 10, 'RSS in MiB');
    assert.equal(r.stdout.trim(), 'true');
    const off = runWith({ VIGIL_TIMELINE: '' });
    assert.equal(off.status, 0, off.stderr);
    assert.equal(off.stdout.trim(), 'false', 'an empty or missing VIGIL_TIMELINE records nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the summary gives each worker its busy share and lists the gaps where fewer than all were busy', () => {
  const w = (start: number, end: number, subject: string): Span => ({ kind: 'worker.busy', subject, start, end });
  const trace: Span[] = [
    { kind: 'stage.components', subject: '', start: 0, end: 10_000 },
    w(0, 4000, 'a@1'),
    w(0, 2000, 'b@1'),
    w(2000, 4000, 'c@1'),
    // both idle 4–5 s; then one worker alone for 3 s (the tail)
    w(5000, 7000, 'd@1'),
    w(5000, 10_000, 'big@1'),
  ];
  const text = summariseTimeline(trace).join('\n');
  assert.match(text, /worker \d: busy 9\.00 s = 90% of the whole run/);
  assert.match(text, /worker \d: busy 6\.00 s = 60% of the whole run/);
  assert.match(text, /0 busy 1\.00 s, 1 busy 3\.00 s, 2 busy 6\.00 s/);
  assert.match(text, /gaps ≥ 1 s with fewer than 2 busy: 2, 4\.00 s/);
  assert.match(text, /5\.00 s {2}5\.00→10\.00 {2}big@1/);
});

test('the summary gives the CPU in use per 5-second window for the main thread, V8 helpers and the rest', () => {
  // Thread ids: 10 is node's delayed-task thread, 11–12 V8's helpers (--v8-pool-size=2), 20 a content worker.
  const sample = (at: number, subject: string): Span => ({ kind: 'thread.sample', subject, start: at, end: at });
  const total = (subject: string): Span => ({ kind: 'thread.cpu', subject, start: 0, end: 10_000 });
  const trace: Span[] = [
    { kind: 'v8.pool', subject: '2', start: 0, end: 10_000 },
    total('main 3'),
    total('10 0'),
    total('11 1'),
    total('12 1'),
    total('20 5'),
    sample(0, 'main:0 10:0 11:0 12:0 20:0'),
    sample(2500, 'main:1 10:0 11:0.25 12:0.25 20:0.5'),
    // First window (0–5 s): main 2.5 s, helpers 1 s, worker 1 s.
    sample(5000, 'main:2.5 10:0 11:0.5 12:0.5 20:1'),
    // Second window (5–10 s): the worker does the rest.
    sample(10_000, 'main:3 10:0 11:1 12:1 20:5'),
  ];
  const text = summariseTimeline(trace).join('\n');
  assert.match(text, /0\.00 → {3}5\.00 s: 0\.50 \/ 0\.20 \/ 0\.20 = 0\.90/);
  assert.match(text, /5\.00 → {2}10\.00 s: 0\.10 \/ 0\.20 \/ 0\.80 = 1\.10/);
});

test('the summary names the RSS peak, what it was made of, and what was read and analysed at that instant', () => {
  const high = (at: number, rss: number, ab: number): Span => ({
    kind: 'mem.high',
    subject: `rss=${rss} heap=40 external=10 arrayBuffers=${ab}`,
    start: at,
    end: at,
  });
  const trace: Span[] = [
    high(100, 120, 20),
    { kind: 'mem.sample', subject: 'rss=110', start: 6000, end: 6000 },
    high(7200, 530, 300),
    { kind: 'mem.sample', subject: 'rss=200', start: 11_000, end: 11_000 },
    { kind: 'archive.read', subject: 'pkg:npm/big-binary@1.0.0', start: 7000, end: 7500 },
    { kind: 'archive.read', subject: 'pkg:npm/done-before@1.0.0', start: 1000, end: 2000 },
    { kind: 'worker.busy', subject: 'bundle@2.0.0 slice', start: 6900, end: 7300 },
  ];
  const text = summariseTimeline(trace).join('\n');
  assert.match(text, /peak RSS 530 MiB at 7\.20 s \(main thread: heap 40, external 10, array buffers 300 MiB/);
  assert.match(text, /being read then: pkg:npm\/big-binary@1\.0\.0\n/);
  assert.match(text, /content workers then: bundle@2\.0\.0 slice/);
  assert.match(text, /highest RSS per 5 s \(MiB\): 0s 120, 5s 530, 10s 200/);
  assert.doesNotMatch(text, /done-before/);
});
