/**
 * A short, seeded run of the parser fuzzer (`npm run fuzz` runs 10^5 cases per parser): every
 * parser returns a result or a VigilError naming the file (and the line for text formats) on
 * mutated, truncated, amplified and spliced inputs — never a raw crash.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzzTarget } from '../helpers/fuzz/run.js';
import { FUZZ_TARGETS } from '../helpers/fuzz/targets.js';

const RUNS = 40;
const SEED = 19;

describe('parser fuzz (seeded, short)', () => {
  it('covers every parser family the issue names', () => {
    const names = FUZZ_TARGETS.map((t) => t.name);
    for (const n of ['package-lock', 'yarn-classic', 'yarn-berry', 'pnpm-lock', 'bun-lock', 'cyclonedx', 'spdx', 'dpkg-status'])
      assert.ok(names.includes(n), n);
    for (const n of [
      'debian-packages',
      'debian-inrelease',
      'mbox',
      'mime-message',
      'osv',
      'tar',
      'zip',
      'gzip',
      'xz',
      'bzip2',
      'zstd',
      'deb',
      'elf',
    ])
      assert.ok(names.includes(n), n);
  });

  for (const t of FUZZ_TARGETS) {
    it(`${t.name}: ${RUNS} mutated inputs, only placed VigilErrors`, async () => {
      const s = await fuzzTarget(t, { runs: RUNS, seed: SEED });
      assert.equal(s.failure?.message, undefined);
      assert.equal(s.cases, RUNS);
    });
  }
});
