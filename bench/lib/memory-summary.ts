/**
 * The memory part of a scan trace's summary (src/core/timeline.ts records `mem.high` at every new
 * high of the process's RSS and `mem.sample` once a second): the peak, what it was made of, and
 * what the scan was reading and analysing at that moment; then the highest RSS per time window.
 * A cold scan's peak lasts a fraction of a second, so the spans open at its instant say more
 * about its cause than any average.
 */
/** A trace span, as bench/lib/timeline-summary.ts reads them. */
interface Span {
  kind: string;
  subject: string;
  start: number;
  end: number;
}

/** Length of one window of the RSS-over-time line, in milliseconds. */
const WINDOW_MS = 5000;

/** Subjects of the spans of `kind` open at `at`, each once. */
function openAt(spans: readonly Span[], kind: string, at: number): string[] {
  return [...new Set(spans.filter((x) => x.kind === kind && x.start <= at && x.end >= at).map((x) => x.subject))];
}

/** `key=value` pairs of a memory span's subject, values in MiB. */
export function memoryFields(subject: string): Map<string, number> {
  return new Map(
    subject
      .split(' ')
      .filter((kv) => kv.includes('='))
      .map((kv) => [kv.slice(0, kv.indexOf('=')), Number(kv.slice(kv.indexOf('=') + 1))] as const),
  );
}

export function summariseMemory(spans: readonly Span[]): string[] {
  const highs = spans.filter((x) => x.kind === 'mem.high');
  if (highs.length === 0) return [];
  const rssOf = (x: Span) => memoryFields(x.subject).get('rss') ?? 0;
  const peak = highs.reduce((a, b) => (rssOf(b) > rssOf(a) ? b : a));
  const f = memoryFields(peak.subject);
  const out = [
    `memory: peak RSS ${f.get('rss')} MiB at ${(peak.start / 1000).toFixed(2)} s (main thread: heap ${f.get('heap')}, external ${f.get('external')}, array buffers ${f.get('arrayBuffers')} MiB, shared memory included)`,
  ];
  const reading = openAt(spans, 'archive.read', peak.start);
  out.push(`  being read then: ${reading.length ? reading.join(', ') : 'nothing'}`);
  const analysed = openAt(spans, 'worker.busy', peak.start);
  out.push(`  content workers then: ${analysed.length ? analysed.join(', ') : 'idle'}`);
  const points = [...highs, ...spans.filter((x) => x.kind === 'mem.sample')].sort((a, b) => a.start - b.start);
  const windows = new Map<number, number>();
  for (const p of points) {
    const w = Math.floor(p.start / WINDOW_MS);
    windows.set(w, Math.max(windows.get(w) ?? 0, rssOf(p)));
  }
  out.push(
    `  highest RSS per ${WINDOW_MS / 1000} s (MiB): ${[...windows]
      .sort((a, b) => a[0] - b[0])
      .map(([w, rss]) => `${(w * WINDOW_MS) / 1000}s ${rss}`)
      .join(', ')}`,
  );
  return out;
}
