/**
 * Where a cold scan's wall time goes: runs one cold `vigil scan` of a bench fixture against the local
 * registry mirror with VIGIL_TIMELINE set (src/core/timeline.ts), then summarises the trace: stages,
 * main-thread busy time, how busy each content worker was from the first second to the last, and the
 * gaps where a worker idled, and the RSS peak (what it was made of, what was being read and analysed
 * at that instant). Not part of `npm test`.
 * Usage: node --import tsx bench/timeline.ts [--fixture platform-app] [--report FILE] [--trace FILE]
 *        [--cpu-prof DIR] (V8 CPU profiles of the scan's threads into DIR)
 *        [--node-arg ARG]… (options for the node that runs the scan, e.g. --v8-pool-size=2)
 *        [--compile-trace FILE] (V8's optimising compiles and deopts of every thread into FILE, summarised)
 *        [--latency-ms N] (the local registry answers each request N ms late, as a registry over the internet)
 *        node --import tsx bench/timeline.ts --summarise TRACE
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureMirror, lockEntries } from './lib/mirror.js';
import { startLocalRegistry } from './lib/server.js';
import { timed } from './lib/timed.js';
import { summariseTimeline, type Span } from './lib/timeline-summary.js';
import { formatCompileChurn, summariseCompileTrace } from './lib/compile-trace.js';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

const readTrace = (file: string): Span[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Span);

const only = arg('--summarise');
if (only) {
  console.log(summariseTimeline(readTrace(only)).join('\n'));
} else {
  const fixture = arg('--fixture') ?? 'platform-app';
  const dir = join(root, 'bench', 'fixtures', fixture);
  const work = join(root, 'bench', '.work', 'registry');
  const entries = lockEntries(join(dir, 'package-lock.json'));
  await ensureMirror(entries, work);
  const reg = await startLocalRegistry(work, { prepare: entries.map((e) => e.name), latencyMs: Number(arg('--latency-ms') ?? 0) });
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-timeline-'));
  const trace = arg('--trace') ?? join(tmp, 'trace.jsonl');
  const report = arg('--report') ?? join(tmp, 'cold.json');
  try {
    const bin = join(root, 'bin', 'vigil.js');
    const prof = arg('--cpu-prof');
    const nodeArgs = args.flatMap((a, i) => (a === '--node-arg' && args[i + 1] !== undefined ? [args[i + 1]!] : []));
    const compileTrace = arg('--compile-trace');
    const argv = [
      ...nodeArgs,
      ...(compileTrace ? ['--trace-opt', '--trace-deopt-verbose'] : []),
      ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
      bin,
      'scan',
      dir,
      '--registry',
      reg.url,
      '--store',
      join(tmp, 'v.db'),
      '--format',
      'json',
      '--output',
      report,
    ];
    const m = await timed(process.execPath, [...argv, '--no-progress', '--quiet'], root, { CI: '1', VIGIL_TIMELINE: trace }, compileTrace);
    console.log(
      `${fixture}${nodeArgs.length ? ` (node ${nodeArgs.join(' ')})` : ''}: cold scan ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, ${m.rssMb.toFixed(0)} MiB peak, exit ${m.code}`,
    );
    console.log(summariseTimeline(readTrace(trace)).join('\n'));
    if (compileTrace) console.log(formatCompileChurn(summariseCompileTrace(readFileSync(compileTrace, 'utf8').split('\n'))).join('\n'));
  } finally {
    reg.server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
