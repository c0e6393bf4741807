/** A scan trace (src/core/timeline.ts) as text: stages, main-thread time by kind, worker occupancy and idle gaps, memory. */
import { summariseMemory } from './memory-summary.js';

export interface Span {
  kind: string;
  subject: string;
  start: number;
  end: number;
  lane?: number;
}

const s = (ms: number) => (ms / 1000).toFixed(2);

/** Total length of the union of intervals. */
function unionMs(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let from = -Infinity;
  let to = -Infinity;
  for (const x of sorted) {
    if (x.start > to) {
      if (to > from) total += to - from;
      from = x.start;
      to = x.end;
    } else to = Math.max(to, x.end);
  }
  if (to > from) total += to - from;
  return total;
}

/** Intervals during which fewer than `threads` worker tasks ran, longer than `minMs`, between `from` and `to`. */
function underBusy(busy: readonly Span[], threads: number, from: number, to: number, minMs: number) {
  const edges: [number, number][] = [];
  for (const b of busy) edges.push([b.start, 1], [b.end, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const gaps: { start: number; end: number; running: number }[] = [];
  const time = new Map<number, number>();
  let running = 0;
  let at = from;
  for (const [t, d] of [...edges, [to, 0] as [number, number]]) {
    const c = Math.min(Math.max(t, from), to);
    if (c > at) {
      time.set(running, (time.get(running) ?? 0) + (c - at));
      if (running < threads && c - at >= minMs) gaps.push({ start: at, end: c, running });
    }
    at = Math.max(at, c);
    running += d;
  }
  return { gaps, time };
}

/**
 * Worker tasks given lanes 0, 1, …: a task goes to the first lane free when it starts (the thread id a
 * worker reports can arrive after the task's result, so it is not used).
 */
function withLanes(busy: readonly Span[]): Span[] {
  const ends: number[] = [];
  return [...busy]
    .sort((a, b) => a.start - b.start)
    .map((b) => {
      let lane = ends.findIndex((e) => e <= b.start);
      if (lane < 0) lane = ends.push(0) - 1;
      ends[lane] = b.end;
      return { ...b, lane };
    });
}

/** Length of one window of the CPU-in-time table, in milliseconds. */
const CPU_WINDOW_MS = 5000;

/**
 * CPU in use per time window, in cores, for the main thread, V8's helpers and the rest (content
 * workers, libuv's pool): whether a phase was short of CPU, and which thread had it. From the
 * per-second samples of every thread's CPU time (src/core/timeline.ts; Linux only).
 */
export function cpuByWindow(samples: readonly Span[], helpers: ReadonlySet<string>): string[] {
  const points = samples.map((x) => ({
    at: x.start,
    cpu: new Map(
      x.subject
        .split(' ')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.lastIndexOf(':')), Number(kv.slice(kv.lastIndexOf(':') + 1))] as const),
    ),
  }));
  if (points.length < 2) return [];
  const out = [`CPU in use per ${CPU_WINDOW_MS / 1000} s (cores): main / V8 helpers / workers and the rest = all`];
  let from = points[0]!;
  for (let i = 1; i < points.length; i++) {
    const to = points[i]!;
    if (to.at - from.at < CPU_WINDOW_MS && i < points.length - 1) continue;
    const sums = { main: 0, helpers: 0, rest: 0 };
    // A thread that ended within the window is missing from its end: its last CPU time is not known, so it counts nothing.
    for (const [tid, cpu] of to.cpu) {
      const d = cpu - (from.cpu.get(tid) ?? 0);
      if (tid === 'main') sums.main += d;
      else if (helpers.has(tid)) sums.helpers += d;
      else sums.rest += d;
    }
    const secs = (to.at - from.at) / 1000;
    const c = (v: number) => (v / secs).toFixed(2);
    out.push(
      `  ${s(from.at).padStart(6)} → ${s(to.at).padStart(6)} s: ${c(sums.main)} / ${c(sums.helpers)} / ${c(sums.rest)} = ${c(sums.main + sums.helpers + sums.rest)}`,
    );
    from = to;
  }
  return out;
}

export function summariseTimeline(spans: readonly Span[]): string[] {
  const out: string[] = [];
  const wall = Math.max(...spans.map((x) => x.end));
  const of = (kind: string) => spans.filter((x) => x.kind === kind);
  out.push(`trace: ${spans.length} spans, ${s(wall)} s from process start to the last span`);

  out.push('stages (s from process start):');
  for (const x of spans.filter((y) => y.kind.startsWith('stage.')).sort((a, b) => a.start - b.start)) {
    out.push(`  ${x.kind.slice(6).padEnd(22)} ${s(x.start).padStart(7)} → ${s(x.end).padStart(7)}  (${s(x.end - x.start)} s)`);
  }

  // Synchronous main-thread steps: their sum is main-thread time; asynchronous ones: their union is wall time covered.
  out.push('main thread, synchronous steps (sum of spans):');
  for (const k of ['packument.parse', 'packument.store', 'tarball.verify', 'store.memo', 'store.batch']) {
    const xs = of(k);
    if (xs.length) out.push(`  ${k.padEnd(22)} ${s(xs.reduce((n, x) => n + x.end - x.start, 0)).padStart(7)} s in ${xs.length}`);
  }
  out.push('asynchronous steps (wall covered by at least one; sum):');
  for (const k of [...new Set(spans.map((x) => x.kind))]
    .filter((k) => /^(packument\.http|tarball\.http|http\.slot|archive\.read|budget\.wait|pool\.|analyze\.)/.test(k))
    .sort()) {
    const xs = of(k);
    out.push(
      `  ${k.padEnd(26)} ${s(unionMs(xs)).padStart(7)} s covered, ${s(xs.reduce((n, x) => n + x.end - x.start, 0)).padStart(8)} s summed, ${xs.length}`,
    );
  }

  const elu = of('main.elu');
  if (elu.length) {
    const busy = elu.reduce((n, x) => n + Number(x.subject) * (x.end - x.start), 0);
    out.push(
      `main thread event-loop utilisation: ${s(busy)} s busy of ${s(elu.at(-1)!.end - elu[0]!.start)} s (${((100 * busy) / (elu.at(-1)!.end - elu[0]!.start)).toFixed(0)}%)`,
    );
    const saturated = elu.filter((x) => Number(x.subject) > 0.9).reduce((n, x) => n + x.end - x.start, 0);
    out.push(`  time with the main thread > 90% busy: ${s(saturated)} s`);
    for (const st of spans.filter((y) => y.kind.startsWith('stage.'))) {
      const inside = elu.filter((x) => x.start >= st.start && x.end <= st.end);
      if (inside.length < 2) continue;
      const b = inside.reduce((n, x) => n + Number(x.subject) * (x.end - x.start), 0);
      const len = inside.reduce((n, x) => n + x.end - x.start, 0);
      out.push(`  during ${st.kind.slice(6).padEnd(16)} ${((100 * b) / len).toFixed(0)}% busy`);
    }
  }

  const threads = of('thread.cpu').map((x) => {
    const [tid, cpu] = x.subject.split(' ');
    return { tid: tid!, cpu: Number(cpu) };
  });
  if (threads.length) {
    const total = threads.reduce((n, t) => n + t.cpu, 0);
    const main = threads.find((t) => t.tid === 'main')?.cpu ?? 0;
    const others = threads.filter((t) => t.tid !== 'main' && t.cpu >= 0.5).sort((a, b) => Number(a.tid) - Number(b.tid));
    out.push(
      `CPU by thread: ${s(total * 1000)} s in all, main ${s(main * 1000)} s; others ≥ 0.5 s (by thread id): ${others.map((t) => `${t.tid} ${t.cpu.toFixed(1)}`).join(', ')}`,
    );
    // Node creates its platform's threads first, in order: a delayed-task thread, then V8's helper
    // threads (GC marking and scavenging, background compiling; --v8-pool-size of them). Content
    // workers and libuv's pool come later. Thread ids rise in creation order.
    const pool = Number(of('v8.pool')[0]?.subject);
    if (pool > 0) {
      const byAge = threads.filter((t) => t.tid !== 'main').sort((a, b) => Number(a.tid) - Number(b.tid));
      const helpers = byAge.slice(1, 1 + pool);
      const rest = byAge.filter((t) => !helpers.includes(t));
      const sum = (ts: typeof threads) => ts.reduce((n, t) => n + t.cpu, 0).toFixed(1);
      out.push(`  V8 helper threads (${pool}): ${sum(helpers)} s [${helpers.map((t) => t.cpu.toFixed(1)).join(' ')}]`);
      out.push(
        `  other threads (content workers, libuv's pool, …): ${sum(rest)} s; those ≥ 0.5 s: ${rest
          .filter((t) => t.cpu >= 0.5)
          .map((t) => t.cpu.toFixed(1))
          .join(' ')}`,
      );
      out.push(...cpuByWindow(of('thread.sample'), new Set(helpers.map((t) => t.tid))));
    }
  }

  const busy = withLanes(of('worker.busy'));
  if (busy.length) {
    const lanes = [...new Set(busy.map((b) => b.lane!))];
    const threads = lanes.length;
    const first = Math.min(...busy.map((b) => b.start));
    const last = Math.max(...busy.map((b) => b.end));
    const comps = of('stage.components')[0];
    out.push(`content workers: ${busy.length} tasks on ${lanes.length} thread(s) ; first task at ${s(first)} s, last ends at ${s(last)} s`);
    const starts = of('worker.start').length;
    if (starts) out.push(`  workers started: ${starts}${starts > lanes.length ? ' (some were ended and started again)' : ''}`);
    for (const lane of lanes) {
      const mine = busy.filter((b) => b.lane === lane);
      const sum = mine.reduce((n, x) => n + x.end - x.start, 0);
      out.push(
        `  worker ${lane}: busy ${s(sum)} s = ${((100 * sum) / wall).toFixed(0)}% of the whole run, ${((100 * sum) / (last - first)).toFixed(0)}% of first→last task`,
      );
    }
    const from = comps ? comps.start : first;
    const { gaps, time } = underBusy(busy, threads, from, last, 1000);
    out.push(
      `  from the component stage's start (${s(from)} s) to the last task: ` +
        [...time]
          .sort((a, b) => a[0] - b[0])
          .map(([n, t]) => `${n} busy ${s(t)} s`)
          .join(', '),
    );
    out.push(`  gaps ≥ 1 s with fewer than ${threads} busy: ${gaps.length}, ${s(gaps.reduce((n, g) => n + g.end - g.start, 0))} s`);
    for (const g of gaps.sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 8)) {
      const during = spans.filter((x) => x.kind === 'packument.http' && x.start < g.end && x.end > g.start).length;
      const tb = spans.filter((x) => x.kind === 'tarball.http' && x.start < g.end && x.end > g.start).length;
      out.push(
        `    ${s(g.start)}–${s(g.end)} s (${s(g.end - g.start)} s, ${g.running} busy): ${during} packument and ${tb} tarball requests overlap`,
      );
    }
    out.push(`  after the last worker task: ${s(wall - last)} s`);
    out.push('  longest worker tasks:');
    for (const b of [...busy].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 8))
      out.push(`    ${s(b.end - b.start).padStart(7)} s  ${s(b.start)}→${s(b.end)}  ${b.subject}`);
  }
  out.push(...summariseMemory(spans));
  return out;
}
