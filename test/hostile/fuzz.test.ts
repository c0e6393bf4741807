/**
 * A short, seeded run of the parser fuzzer (`npm run fuzz` runs 10^5 cases per parser): every
 * parser returns a result or a VigilError naming the file (and the line for text formats) on
 * mutated, truncated, amplified and spliced inputs — never a raw crash.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize, type FuzzRecord } from '../helpers/fuzz/results.js';
import { fuzzTarget } from '../helpers/fuzz/run.js';
import { FUZZ_TARGETS } from '../helpers/fuzz/targets.js';
import type { FuzzTarget } from '../helpers/fuzz/types.js';

const RUNS = 40;
const SEED = 19;

describe('parser fuzz (seeded, short)', () => {
  it('covers every parser family the issue names, each once', () => {
    const names = FUZZ_TARGETS.map((t) => t.name);
    assert.deepEqual(
      [...names].sort(),
      [
        ...['package-lock', 'yarn-classic', 'yarn-berry', 'pnpm-lock', 'bun-lock', 'cyclonedx', 'spdx', 'dpkg-status', 'package-json'],
        ...['debian-packages', 'debian-inrelease', 'mbox', 'mime-message', 'issue-export', 'osv'],
        ...['tar', 'tgz', 'gzip', 'xz', 'bzip2', 'zstd', 'zip', 'deb', 'elf'],
      ].sort(),
    );
  });

  it('a run split with `from` covers exactly the cases of one whole run (npm run fuzz -- --from N)', async () => {
    const seen = (into: string[]): FuzzTarget => ({
      name: 'recorder',
      seeds: () => [Buffer.from('a: 1\nb: [2, 3]\n')],
      run: (b) => void into.push(b.toString('hex')),
    });
    const whole: string[] = [];
    const split: string[] = [];
    const a = await fuzzTarget(seen(whole), { runs: 30, seed: SEED });
    const b1 = await fuzzTarget(seen(split), { runs: 12, seed: SEED });
    const b2 = await fuzzTarget(seen(split), { runs: 30, seed: SEED, from: 12 });
    assert.equal(a.cases, 30);
    assert.deepEqual([b1.cases, b2.cases], [12, 18]);
    assert.deepEqual(split, whole);
    assert.ok(new Set(whole).size > 20, 'the cases differ from each other');
  });

  it('the results table adds up split runs of one seed, counting a range run twice once', () => {
    const rec = (from: number, cases: number, extra: Partial<FuzzRecord> = {}): FuzzRecord => ({
      parser: 'p',
      seed: 1,
      from,
      cases,
      crashes: 0,
      overBound: 0,
      seconds: 10,
      peakRssMiB: 100 + from / 1000,
      worstMs: 5,
      at: '',
      ...extra,
    });
    const rows = summarize([
      rec(0, 400, { interrupted: true }),
      rec(0, 50_000),
      rec(50_000, 50_000, { overBound: 2 }),
      rec(40_000, 20_000),
    ]);
    assert.equal(rows.length, 1);
    assert.deepEqual(
      {
        cases: rows[0]!.cases,
        overBound: rows[0]!.overBound,
        seconds: rows[0]!.seconds,
        peak: rows[0]!.peakRssMiB,
        processes: rows[0]!.processes,
      },
      { cases: 100_000, overBound: 2, seconds: 30, peak: 150, processes: 3 },
    );
  });

  for (const t of FUZZ_TARGETS) {
    it(`${t.name}: ${RUNS} mutated inputs, only placed VigilErrors`, async () => {
      const s = await fuzzTarget(t, { runs: RUNS, seed: SEED });
      assert.equal(s.failure?.message, undefined);
      assert.equal(s.cases, RUNS);
    });
  }
});
