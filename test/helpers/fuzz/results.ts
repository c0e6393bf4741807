/**
 * The fuzz results file (`fuzz-results.jsonl`, one JSON line per parser process) and the per-parser table
 * made from it. Runs of one seed split across processes (`--from`) add up: a parser's cases are the
 * union of the case ranges run for its best-covered seed, so a range run twice is counted once.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { FuzzStats } from './run.js';

/** A parser process's last stdout line (scripts/fuzz-child.ts). */
export type ChildResult = Omit<FuzzStats, 'failure' | 'worstInput'> & {
  from: number;
  overBound: number;
  seconds: number;
  failure?: { message: string; file: string };
  kept: string[];
};

export interface FuzzRecord {
  parser: string;
  seed: number;
  /** First case index of the run and how many cases ran (cases `from` … `from + cases - 1`). */
  from: number;
  cases: number;
  /** Broken contracts (a fuzz run stops at the first) plus a process that died or was killed. */
  crashes: number;
  /** Cases over the time or RSS bound, or slower than the ratio bound against the floor. */
  overBound: number;
  seconds: number;
  peakRssMiB: number;
  worstMs: number;
  /** ISO time the record was written. */
  at: string;
  /** What broke, and where the input was kept. */
  notes?: string[];
  /** Stopped by a signal; a later `--resume` record of the same parser, seed and start covers it. */
  interrupted?: boolean;
}

export function readResults(file: string): FuzzRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as FuzzRecord);
}

/** Append one record: one JSON line, so parser processes of several runs can share the file. */
export function appendResult(file: string, r: FuzzRecord): void {
  appendFileSync(file, JSON.stringify(r) + '\n');
}

/** A parser's row: `cases` are the distinct cases of `seed` covered by all its runs. */
export type ParserRow = Pick<FuzzRecord, 'parser' | 'seed' | 'cases' | 'crashes' | 'overBound' | 'seconds' | 'peakRssMiB' | 'worstMs'> & {
  processes: number;
};

function covered(ranges: [number, number][]): number {
  let n = 0;
  let end = -Infinity;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const start = Math.max(a, end);
    if (b > start) n += b - start;
    end = Math.max(end, b);
  }
  return n;
}

/** One row per parser, for its seed with the most cases covered (in `order`, then the rest by name). */
export function summarize(records: readonly FuzzRecord[], order: readonly string[] = []): ParserRow[] {
  const bySeed = new Map<string, FuzzRecord[]>();
  const resumedLater = (r: FuzzRecord, i: number): boolean =>
    records.slice(i + 1).some((x) => x.parser === r.parser && x.seed === r.seed && x.from === r.from && x.cases >= r.cases);
  for (const [i, r] of records.entries()) {
    // A resumed run's record holds the interrupted one's cases and seconds.
    if (r.interrupted && resumedLater(r, i)) continue;
    const k = `${r.parser}\0${r.seed}`;
    bySeed.set(k, [...(bySeed.get(k) ?? []), r]);
  }
  const best = new Map<string, ParserRow>();
  for (const rs of bySeed.values()) {
    const row: ParserRow = {
      parser: rs[0]!.parser,
      seed: rs[0]!.seed,
      cases: covered(rs.map((r) => [r.from, r.from + r.cases])),
      crashes: rs.reduce((s, r) => s + r.crashes, 0),
      overBound: rs.reduce((s, r) => s + r.overBound, 0),
      seconds: rs.reduce((s, r) => s + r.seconds, 0),
      peakRssMiB: Math.max(...rs.map((r) => r.peakRssMiB)),
      worstMs: Math.max(...rs.map((r) => r.worstMs)),
      processes: rs.length,
    };
    const prev = best.get(row.parser);
    if (!prev || row.cases > prev.cases) best.set(row.parser, row);
  }
  const rank = (p: string): number => (order.includes(p) ? order.indexOf(p) : order.length);
  return [...best.values()].sort((a, b) => rank(a.parser) - rank(b.parser) || a.parser.localeCompare(b.parser));
}

/** The table as Markdown (also readable in a terminal). */
export function renderTable(rows: readonly ParserRow[]): string {
  const head = '| parser | seed | cases | crashes | over bound | seconds | peak RSS MiB | worst case ms | processes |';
  const lines = rows.map(
    (r) =>
      `| ${r.parser} | ${r.seed} | ${r.cases.toLocaleString('en-US')} | ${r.crashes} | ${r.overBound} | ${r.seconds.toFixed(0)} | ${r.peakRssMiB.toFixed(0)} | ${r.worstMs.toFixed(0)} | ${r.processes} |`,
  );
  return [head, '|---|---:|---:|---:|---:|---:|---:|---:|---:|', ...lines].join('\n');
}
